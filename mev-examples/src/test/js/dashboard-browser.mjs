// Drives the dashboard in Debian's headless Chromium through playwright-core, for DashboardIT.
// Usage: node dashboard-browser.mjs <chromium executable> <user data dir>
// Reads one JSON command per line on stdin, answers one JSON line on stdout:
//   {"cmd":"open","url":"http://127.0.0.1:p/"}   -> {"ok":true}
//   {"cmd":"state"}                               -> {"ok":true,"state":{...what the page shows...}}
//   {"cmd":"drop"}                                -> {"ok":true} (the page's socket closes; it reconnects)
//   {"cmd":"screenshot","path":"/abs/file.png"}   -> {"ok":true}
//   {"cmd":"close"}                               -> {"ok":true}, then exits
// A failure answers {"ok":false,"error":"..."}. Nothing but these answers is written to stdout.
import { chromium } from 'playwright-core';
import { createInterface } from 'node:readline';

const [executablePath, userDataDir] = process.argv.slice(2);
if (!executablePath || !userDataDir) {
  console.error('usage: node dashboard-browser.mjs <chromium> <user data dir>');
  process.exit(2);
}

let context = null;
let page = null;
const pageErrors = [];
// every WebSocket the page opened, with the frames it sent (the subscribe requests)
const sockets = [];

async function open(url) {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    // what works on this machine: no sandbox as root, no GPU, and nothing that reaches for the network
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 1400 },
  });
  page = context.pages()[0] || await context.newPage();
  page.on('pageerror', e => pageErrors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') pageErrors.push('console: ' + m.text()); });
  page.on('websocket', ws => {
    const s = { url: ws.url(), sent: [], closed: false };
    sockets.push(s);
    ws.on('framesent', f => s.sent.push(typeof f.payload === 'string' ? f.payload : '<binary>'));
    ws.on('close', () => { s.closed = true; });
  });
  await page.goto(url, { waitUntil: 'load', timeout: 30000 });
}

// what the page shows (read from the DOM) plus what it holds about its stream
async function state() {
  const dom = await page.evaluate(() => {
    const rows = (id, key) => Array.from(document.querySelectorAll(`#${id} tbody tr`)).map(tr => ({
      key: tr.dataset[key],
      cells: Array.from(tr.cells).map(td => td.textContent),
    }));
    const texts = sel => Array.from(document.querySelectorAll(sel)).map(e => e.textContent);
    return {
      conn: document.getElementById('conn').dataset.state,
      opportunities: rows('opportunities', 'victim'),
      bundles: rows('bundles', 'bundle'),
      transactions: document.querySelectorAll('#transactions tbody tr').length,
      health: Array.from(document.querySelectorAll('#health tbody tr')).map(tr => ({
        component: tr.dataset.component, status: tr.cells[1].textContent })),
      healthStatus: document.getElementById('health-status').textContent,
      gasPoints: Number(document.getElementById('gas-chart').dataset.points || 0),
      pricePoints: Number(document.getElementById('price-chart').dataset.points || 0),
      run: document.getElementById('run').textContent,
      alerts: texts('#alerts li'),
      streamLog: texts('#stream-log li'),
      jumps: texts('#stream-log li[data-jump]'),
      resetGaps: Array.from(document.querySelectorAll('#stream-log li[data-gap="reset"]'))
        .map(li => li.dataset.channel),
      page: window.mevDashboard.state(),
    };
  });
  return Object.assign(dom, {
    errors: pageErrors.slice(),
    sockets: sockets.map(s => ({ url: s.url, sent: s.sent.slice(), closed: s.closed })),
  });
}

async function run(command) {
  switch (command.cmd) {
    case 'open': await open(command.url); return {};
    case 'state': return { state: await state() };
    case 'drop': await page.evaluate(() => window.mevDashboard.drop()); return {};
    case 'screenshot': await page.screenshot({ path: command.path, fullPage: true }); return {};
    case 'close': if (context) await context.close(); context = null; return {};
    default: throw new Error('unknown command ' + command.cmd);
  }
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  let answer;
  let command = {};
  try {
    command = JSON.parse(line);
    answer = Object.assign({ ok: true }, await run(command));
  } catch (e) {
    answer = { ok: false, error: String(e && e.stack || e) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
  if (command.cmd === 'close') break;
}
if (context) await context.close();
process.exit(0);
