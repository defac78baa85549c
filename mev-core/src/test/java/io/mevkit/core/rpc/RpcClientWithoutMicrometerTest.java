package io.mevkit.core.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mevkit.core.testing.FakeNode;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Micrometer is optional: the client loads and works on a class path without it. */
class RpcClientWithoutMicrometerTest {
    @Test
    void clientWorksWhenMicrometerIsAbsent() throws Exception {
        List<URL> urls = new ArrayList<>();
        int hidden = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("micrometer")) {
                hidden++;
                continue;
            }
            urls.add(toUrl(entry));
        }
        assertTrue(hidden > 0, "micrometer must be on the test class path for this test to mean something");
        try (FakeNode node = new FakeNode(31337).result("eth_blockNumber", "0x2a");
                URLClassLoader loader =
                        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThrows(
                    ClassNotFoundException.class,
                    () -> loader.loadClass("io.micrometer.core.instrument.MeterRegistry"));
            Class<?> clientClass = loader.loadClass("io.mevkit.core.rpc.RpcClient");
            Object builder = clientClass.getMethod("builder").invoke(null);
            Class<?> builderClass = builder.getClass();
            builderClass.getMethod("chainId", long.class).invoke(builder, 31337L);
            builderClass.getMethod("endpoint", String.class).invoke(builder, node.url());
            Object client = builderClass.getMethod("build").invoke(builder);
            try {
                assertEquals(42L, clientClass.getMethod("blockNumber").invoke(client));
            } finally {
                ((AutoCloseable) client).close();
            }
        }
    }

    private static URL toUrl(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
