// The mevkit demo dashboard: one WebSocket to the stream served beside this page (same origin, loopback, no token:
// the demo's stream has no JWT secret, so it only listens on loopback). Protocol: mev-stream's README.
'use strict';

(function () {
  const CHANNELS = ['opportunities', 'bundles', 'gas_prices', 'transactions', 'metrics', 'node_status',
    'price_feeds', 'system_alerts'];
  const MAX_ROWS = 500;
  const MAX_POINTS = 120;
  const MAX_LOG = 200;

  // stream state: the last sequence number seen per channel, in the epoch of the server that numbered them
  const lastSeq = Object.fromEntries(CHANNELS.map(c => [c, 0]));
  let epoch = null;
  let socket = null;
  let connections = 0;
  let attempts = 0;
  let requestId = 0;
  let jumps = 0;
  const gaps = [];

  const $ = id => document.getElementById(id);

  // ---- connection

  function connect() {
    setConn('connecting', attempts ? `reconnecting (${attempts})` : 'connecting');
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/stream';
    const ws = new WebSocket(url, ['mevkit.stream.v1']);
    socket = ws;
    ws.onmessage = e => {
      let msg;
      try {
        msg = JSON.parse(e.data);
      } catch (err) {
        note('warning', 'a message that is not JSON was ignored');
        return;
      }
      handle(ws, msg);
    };
    ws.onclose = e => {
      if (socket !== ws) return;
      socket = null;
      attempts++;
      // back off 250 ms, 500 ms, 1 s, 2 s, then every 4 s
      const delay = Math.min(4000, 250 * 2 ** Math.min(attempts - 1, 4));
      setConn('reconnecting', `reconnecting in ${delay} ms`);
      note('info', `disconnected (${e.code}${e.reason ? ' ' + e.reason : ''}); reconnecting in ${delay} ms`);
      setTimeout(connect, delay);
    };
  }

  function handle(ws, msg) {
    switch (msg.type) {
      case 'welcome': {
        connections++;
        $('connections').textContent = connections;
        const wanted = CHANNELS.filter(c => msg.channels.includes(c));
        const since = {};
        wanted.forEach(c => { since[c] = lastSeq[c]; });
        const request = { type: 'subscribe', id: ++requestId, channels: wanted, lastSeq: since };
        if (epoch) request.epoch = epoch;
        ws.send(JSON.stringify(request));
        note('info', `connected; subscribing from ${describe(since)}`);
        break;
      }
      case 'subscribed':
        if (epoch && msg.epoch !== epoch) {
          // a restarted server numbers from 1 again: what it replays next is new to us
          note('warning', `the server restarted (epoch ${short(epoch)} → ${short(msg.epoch)})`);
          CHANNELS.forEach(c => { lastSeq[c] = 0; });
        }
        epoch = msg.epoch;
        $('epoch').textContent = short(epoch);
        attempts = 0;
        setConn('live', 'live');
        break;
      case 'gap': {
        const lost = msg.to >= msg.from ? `messages ${msg.from}–${msg.to} are lost` : 'nothing lost';
        gaps.push({ channel: msg.channel, reason: msg.reason, from: msg.from, to: msg.to });
        // the replay that follows starts right after the gap
        if (msg.channel in lastSeq) lastSeq[msg.channel] = Math.max(lastSeq[msg.channel], msg.to);
        note(msg.to >= msg.from ? 'warning' : 'info', `gap on ${msg.channel}: ${msg.reason} (${lost})`,
          { gap: msg.reason, channel: msg.channel });
        break;
      }
      case 'event':
        if (msg.seq <= lastSeq[msg.channel]) return; // already shown (replayed twice)
        if (msg.seq > lastSeq[msg.channel] + 1) {
          // never expected: the server replays what was missed or says why not (a gap)
          jumps++;
          note('critical', `sequence jump on ${msg.channel}: ${lastSeq[msg.channel] + 1}–${msg.seq - 1} never arrived`,
            { jump: msg.channel });
        }
        lastSeq[msg.channel] = msg.seq;
        dispatch(msg.channel, msg.data, msg.timestamp);
        break;
      case 'error':
        note('warning', `server error ${msg.code}: ${msg.message}${msg.channel ? ' (' + msg.channel + ')' : ''}`);
        break;
      default:
        break; // pong and future message types
    }
  }

  function setConn(state, text) {
    const el = $('conn');
    el.dataset.state = state;
    el.textContent = text;
  }

  function describe(since) {
    const parts = Object.entries(since).filter(([, v]) => v > 0).map(([c, v]) => `${c}@${v}`);
    return parts.length ? parts.join(', ') : 'the start of the replay buffer';
  }

  // ---- channels

  function dispatch(channel, data, timestamp) {
    switch (channel) {
      case 'opportunities': return upsertOpportunity(data);
      case 'bundles': return upsertBundle(data);
      case 'gas_prices': return gasPoint(data);
      case 'price_feeds': return pricePoint(data);
      case 'node_status': return health(data);
      case 'metrics': return metrics(data);
      case 'system_alerts': return alert(data, timestamp);
      case 'transactions': return transaction(data);
      default: return undefined;
    }
  }

  function upsertOpportunity(o) {
    const tr = upsertRow($('opportunities'), 'victim', o.victim);
    tr.className = 'fresh';
    setCells(tr, [
      cell(short(o.victim), 'hash', o.victim),
      cell(o.venue || ''),
      cell(o.block != null ? o.block : ''),
      cell(o.status || '', 'status status-' + (o.status || '')),
      cell(o.reason || ''),
      cell(o.predictedWei ? ether(o.predictedWei) : '', 'num'),
      cell(o.realizedWei ? ether(o.realizedWei) : '', 'num'),
    ]);
    $('opp-count').textContent = $('opportunities').tBodies[0].rows.length;
  }

  function upsertBundle(b) {
    const tr = upsertRow($('bundles'), 'bundle', String(b.bundleId));
    tr.className = 'fresh';
    setCells(tr, [
      cell(b.bundleId),
      cell(short(b.bundleHash), 'hash', b.bundleHash),
      cell(b.venue),
      cell(b.targetBlock),
      cell(b.status, 'status status-' + b.status),
      cell(ether(b.predictedWei), 'num'),
      cell(b.realizedWei != null ? ether(b.realizedWei) : '', 'num'),
      cell(ether(b.gasCostWei), 'num'),
    ]);
    $('bundle-count').textContent = $('bundles').tBodies[0].rows.length;
  }

  function transaction(t) {
    const tr = upsertRow($('transactions'), 'hash', t.hash);
    const prev = tr._data || {};
    const d = Object.assign(prev, Object.fromEntries(Object.entries(t).filter(([, v]) => v != null)));
    tr._data = d;
    setCells(tr, [
      cell(short(d.hash), 'hash', d.hash),
      cell(d.role || ''),
      cell(d.venue || ''),
      cell(d.block != null ? d.block : ''),
      cell(d.status || ''),
    ]);
  }

  // newest first; capped
  function upsertRow(table, key, value) {
    const body = table.tBodies[0];
    let tr = body.querySelector(`tr[data-${key}="${CSS.escape(value)}"]`);
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset[key] = value;
      body.insertBefore(tr, body.firstChild);
      while (body.rows.length > MAX_ROWS) body.deleteRow(body.rows.length - 1);
    }
    return tr;
  }

  function cell(text, cls, title) {
    return { text: String(text), cls, title };
  }

  function setCells(tr, cells) {
    while (tr.cells.length < cells.length) tr.insertCell();
    cells.forEach((c, i) => {
      const td = tr.cells[i];
      td.textContent = c.text;
      td.className = c.cls || '';
      if (c.title) td.title = c.title;
    });
  }

  // ---- charts

  const gasSeries = [];
  const priceSeries = [];

  function gasPoint(g) {
    if (g.baseFeeWei == null) return;
    const gwei = Number(BigInt(g.baseFeeWei)) / 1e9; // for plotting only; the label below is exact
    const last = gasSeries[gasSeries.length - 1];
    if (last && last.x === g.block) last.y = gwei; else gasSeries.push({ x: g.block, y: gwei });
    if (gasSeries.length > MAX_POINTS) gasSeries.shift();
    $('gas-now').textContent = `${units(g.baseFeeWei, 9)} gwei at block ${g.block}`;
    draw($('gas-chart'), gasSeries.map(p => [p.x, p.y]));
  }

  function pricePoint(p) {
    priceSeries.push({ x: Date.parse(p.asOf), y: Number(p.value), lo: Number(p.lower), hi: Number(p.upper) });
    if (priceSeries.length > MAX_POINTS) priceSeries.shift();
    $('price-now').textContent = `${Number(p.value).toFixed(2)} (score ${p.score.toFixed(2)}${p.confident ? '' : ', not confident'})`;
    const src = p.sources.map(s => `${s.source} ${Number(s.price).toFixed(2)}`);
    const out = p.excluded.map(e => `${e.source} excluded: ${e.reason}`);
    $('price-sources').textContent = src.concat(out).join(' · ');
    draw($('price-chart'), priceSeries.map(q => [q.x, q.y]), priceSeries.map(q => [q.x, q.lo, q.hi]));
  }

  // a line (and an optional band) scaled into the SVG's 400×150 view box
  function draw(svg, points, band) {
    const W = 400, H = 150, PAD = 8;
    const xs = points.map(p => p[0]);
    const ys = points.map(p => p[1]).concat(band ? band.flatMap(b => [b[1], b[2]]) : []);
    const x0 = Math.min(...xs), x1 = Math.max(...xs);
    let y0 = Math.min(...ys), y1 = Math.max(...ys);
    if (y1 - y0 < 1e-9) { y0 -= 1; y1 += 1; }
    const sx = x => (x1 === x0 ? W / 2 : PAD + (x - x0) / (x1 - x0) * (W - 2 * PAD));
    const sy = y => H - PAD - (y - y0) / (y1 - y0) * (H - 2 * PAD);
    const ns = 'http://www.w3.org/2000/svg';
    svg.replaceChildren();
    if (band && band.length > 1) {
      const upper = band.map(b => `${sx(b[0])},${sy(b[2])}`);
      const lower = band.slice().reverse().map(b => `${sx(b[0])},${sy(b[1])}`);
      const poly = document.createElementNS(ns, 'polygon');
      poly.setAttribute('class', 'band');
      poly.setAttribute('points', upper.concat(lower).join(' '));
      svg.appendChild(poly);
    }
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('class', 'line');
    line.setAttribute('points', points.map(p => `${sx(p[0])},${sy(p[1])}`).join(' '));
    svg.appendChild(line);
    if (points.length <= 30) {
      points.forEach(p => { // dots while there are few points (a single one draws no line)
        const dot = document.createElementNS(ns, 'circle');
        dot.setAttribute('class', 'dot');
        dot.setAttribute('cx', sx(p[0]));
        dot.setAttribute('cy', sy(p[1]));
        dot.setAttribute('r', 2.5);
        svg.appendChild(dot);
      });
    }
    svg.dataset.points = points.length;
  }

  // ---- health, metrics, alerts

  function health(s) {
    $('health-status').textContent = s.status;
    $('health-status').className = 'status-' + s.status;
    const body = $('health').tBodies[0];
    body.replaceChildren();
    Object.entries(s.checks).forEach(([name, c]) => {
      const tr = body.insertRow();
      tr.dataset.component = name;
      const details = Object.entries(c.details || {}).map(([k, v]) => `${k}=${v}`).join(' ');
      setCells(tr, [cell(name), cell(c.status, 'status-' + c.status), cell(details, 'small')]);
    });
  }

  const counters = {};

  function metrics(m) {
    if (m.kind === 'run') {
      $('run').textContent = `block ${m.block}/${m.of} · victims ${m.victimsSeen} · sandwichable ${m.sandwichable}`
        + ` · executed ${m.executed} (V3 ${m.executedV3}) · realized ${ether(m.realizedWei)} ETH`;
      counters['predicted = realized'] = m.predictedWei === m.realizedWei ? 'yes, to the wei' : 'NO';
      Object.entries(m.rejections).forEach(([k, v]) => { counters['rejected ' + k] = v; });
    } else {
      ['clients', 'delivered', 'replayed', 'gaps', 'dropped', 'restarts', 'rpcRequests', 'rpcRetries']
        .filter(k => m[k] != null).forEach(k => { counters[k] = m[k]; });
    }
    const body = $('metrics').tBodies[0];
    body.replaceChildren();
    Object.entries(counters).forEach(([k, v]) => setCells(body.insertRow(), [cell(k), cell(v, 'num')]));
  }

  function alert(a, timestamp) {
    log($('alerts'), a.level, `[${a.source}] ${a.message}`, timestamp);
  }

  function note(level, text, data) {
    log($('stream-log'), level, text, Date.now(), data);
  }

  function log(list, level, text, timestamp, data) {
    const li = document.createElement('li');
    li.className = 'level-' + level;
    if (data) Object.entries(data).forEach(([k, v]) => { li.dataset[k] = v; });
    const time = document.createElement('time');
    time.textContent = new Date(timestamp).toLocaleTimeString();
    li.append(time, text);
    list.insertBefore(li, list.firstChild);
    while (list.children.length > MAX_LOG) list.lastChild.remove();
  }

  // ---- formatting (exact: wei are decimal strings, divided with BigInt)

  function units(wei, decimals) {
    let v = BigInt(wei);
    const negative = v < 0n;
    if (negative) v = -v;
    const base = 10n ** BigInt(decimals);
    const whole = v / base;
    let frac = (v % base).toString().padStart(decimals, '0').replace(/0+$/, '');
    return (negative ? '-' : '') + whole.toString() + (frac ? '.' + frac : '');
  }

  function ether(wei) {
    return wei == null ? '' : units(wei, 18);
  }

  function short(hex) {
    return hex && hex.length > 14 ? hex.slice(0, 8) + '…' + hex.slice(-4) : (hex || '');
  }

  // for tests and the console: what the page holds about its stream
  window.mevDashboard = {
    state: () => ({
      connected: socket !== null && socket.readyState === WebSocket.OPEN,
      epoch,
      connections,
      lastSeq: Object.assign({}, lastSeq),
      gaps: gaps.slice(),
      jumps,
    }),
    // drops the connection as a network failure would; the page reconnects by itself
    drop: () => { if (socket) socket.close(4000, 'dropped by the user'); },
  };

  connect();
})();
