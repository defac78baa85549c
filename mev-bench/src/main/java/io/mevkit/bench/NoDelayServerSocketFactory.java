package io.mevkit.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * Server sockets whose accepted connections have Nagle's algorithm off, as production HTTP servers have (Go's
 * net/http, which most builders run, sets TCP_NODELAY on every connection). MockWebServer leaves it on and flushes a
 * response's headers and body separately, so the body waits for the client's delayed acknowledgement of the headers
 * (about 40 ms on Linux): a mock builder would measure the kernel's timer, not the client.
 */
final class NoDelayServerSocketFactory extends ServerSocketFactory {
    static final NoDelayServerSocketFactory INSTANCE = new NoDelayServerSocketFactory();

    private NoDelayServerSocketFactory() {}

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new ServerSocket() {
            @Override
            public Socket accept() throws IOException {
                Socket s = super.accept();
                s.setTcpNoDelay(true);
                return s;
            }
        };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return createServerSocket(port, 50, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return createServerSocket(port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        ServerSocket s = createServerSocket();
        s.bind(new InetSocketAddress(address, port), backlog);
        return s;
    }
}
