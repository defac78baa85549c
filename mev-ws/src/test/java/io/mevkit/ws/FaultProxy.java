package io.mevkit.ws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that injects faults between a client and a server: blackhole (bytes silently discarded both
 * ways, the sockets kept open), RST (both sockets reset), delay (every chunk held back), and a cut mid-frame (the next
 * server-to-client chunk forwarded up to a random byte, then both sockets reset). Every random choice comes from one
 * seeded generator, so a failing run can be replayed with its seed. Thread-safe.
 */
final class FaultProxy implements AutoCloseable {
    enum Fault {
        BLACKHOLE,
        RST,
        DELAY,
        CUT_MID_FRAME
    }

    private final ServerSocket server;
    private final long seed;
    private final SplittableRandom random;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);
    private final AtomicInteger threads = new AtomicInteger();
    private final Thread acceptor;
    private volatile int upstreamPort;
    private volatile long delayMillis;
    private volatile boolean closed;

    FaultProxy(int upstreamPort, long seed) {
        this.upstreamPort = upstreamPort;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        for (Fault f : Fault.values()) {
            injected.put(f, new AtomicLong());
        }
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    long seed() {
        return seed;
    }

    void upstreamPort(int port) {
        this.upstreamPort = port;
    }

    long injected(Fault fault) {
        return injected.get(fault).get();
    }

    long injectedTotal() {
        return injected.values().stream().mapToLong(AtomicLong::get).sum();
    }

    int openLinks() {
        return links.size();
    }

    /** A random integer in {@code [0, bound)} from the proxy's seeded generator. */
    synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Applies {@code fault} to every open link (DELAY: to every chunk until {@link #clearDelay()}). */
    void inject(Fault fault) {
        injected.get(fault).incrementAndGet();
        switch (fault) {
            case BLACKHOLE -> links.forEach(l -> l.blackholed = true);
            case RST -> links.forEach(Link::reset);
            case DELAY -> delayMillis = 20 + nextInt(120);
            case CUT_MID_FRAME -> links.forEach(l -> l.cutPending = true);
        }
    }

    void clearDelay() {
        delayMillis = 0;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort), 2000);
                Link link = new Link(client, upstream);
                links.add(link);
                link.start();
            } catch (IOException refused) {
                resetQuietly(client);
            }
        }
    }

    /** One proxied connection: two pumps, one per direction. */
    private final class Link {
        final Socket client;
        final Socket upstream;
        volatile boolean blackholed;
        volatile boolean cutPending;
        volatile boolean dead;

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() throws IOException {
            InputStream fromClient = client.getInputStream();
            OutputStream toUpstream = upstream.getOutputStream();
            InputStream fromUpstream = upstream.getInputStream();
            OutputStream toClient = client.getOutputStream();
            thread(() -> pump(fromClient, toUpstream, false), "up");
            thread(() -> pump(fromUpstream, toClient, true), "down");
        }

        private void thread(Runnable body, String direction) {
            Thread t = new Thread(body, "fault-proxy-" + direction + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            t.start();
        }

        private void pump(InputStream in, OutputStream out, boolean towardsClient) {
            byte[] buffer = new byte[16 * 1024];
            try {
                while (!dead) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    if (blackholed) {
                        continue; // swallowed: neither side learns anything
                    }
                    long delay = delayMillis;
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    if (towardsClient && cutPending) {
                        int cut = nextInt(n);
                        out.write(buffer, 0, cut);
                        out.flush();
                        reset();
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other pump or a fault closed the link
            }
            close();
        }

        void reset() {
            dead = true;
            resetQuietly(client);
            resetQuietly(upstream);
            links.remove(this);
        }

        void close() {
            dead = true;
            closeQuietly(client);
            closeQuietly(upstream);
            links.remove(this);
        }
    }

    private static void resetQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // close() now sends RST instead of FIN
        } catch (SocketException ignored) {
            // already closed
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        links.forEach(Link::reset);
    }
}
