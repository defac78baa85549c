package io.mevkit.core.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoDelaySocketFactoryTest {
    @Test
    void everySocketItMakesHasNagleOff() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 16, loopback);
                Socket plain = new Socket()) {
            assertFalse(plain.getTcpNoDelay(), "the JDK default this factory exists to change");
            int port = server.getLocalPort();
            NoDelaySocketFactory f = NoDelaySocketFactory.instance();
            Socket unconnected = f.createSocket();
            unconnected.connect(new InetSocketAddress(loopback, port), 5_000);
            List<Socket> sockets = List.of(
                    unconnected,
                    f.createSocket(loopback.getHostAddress(), port),
                    f.createSocket(loopback.getHostAddress(), port, loopback, 0),
                    f.createSocket(loopback, port),
                    f.createSocket(loopback, port, loopback, 0));
            try {
                for (Socket s : sockets) {
                    assertTrue(s.isConnected(), s::toString);
                    assertTrue(s.getTcpNoDelay(), s::toString);
                }
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }
}
