package io.mevkit.core.rpc.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.SocketFactory;

/**
 * The plain socket factory with Nagle's algorithm switched off on every socket it makes. A JSON-RPC request or a
 * bundle is a small message whose latency matters: with Nagle on, the last partial segment of a request waits for
 * the peer's (possibly delayed, up to 40 ms on Linux) acknowledgement of the segments before it. okhttp has no
 * option for it; TLS sockets are layered over these, so they inherit the setting.
 */
public final class NoDelaySocketFactory extends SocketFactory {
    private static final NoDelaySocketFactory INSTANCE = new NoDelaySocketFactory();

    private final SocketFactory delegate = SocketFactory.getDefault();

    private NoDelaySocketFactory() {}

    /** The shared instance (stateless). */
    public static NoDelaySocketFactory instance() {
        return INSTANCE;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket socket) throws SocketException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
