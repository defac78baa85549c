package io.mevkit.core.rpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {
    private final Secrets secrets = Secrets.of(List.of("topsecret", "secret-longer-topsecret", "ab"));

    @Test
    void scrubsLongestFirstAndSkipsTrivialStrings() {
        assertEquals("x *** y *** z ab", secrets.scrub("x secret-longer-topsecret y topsecret z ab"));
        assertEquals(null, secrets.scrub((String) null));
        assertEquals("nothing here", Secrets.none().scrub("nothing here"));
    }

    @Test
    void leavesAnExceptionChainAloneWhenNothingLeaks() {
        IOException clean = new IOException("connection reset", new IllegalStateException("inner"));
        assertSame(clean, secrets.scrub(clean));
    }

    @Test
    void replacesALeakingChainKeepingClassNamesAndStackTraces() {
        IOException inner = new IOException("failed for topsecret");
        RuntimeException outer = new RuntimeException("wrapper", inner);
        outer.addSuppressed(new IllegalStateException("also topsecret"));
        Throwable scrubbed = secrets.scrub(outer);
        assertInstanceOf(Secrets.RedactedException.class, scrubbed);
        assertEquals("java.lang.RuntimeException: wrapper", scrubbed.getMessage());
        assertEquals("java.io.IOException: failed for ***", scrubbed.getCause().getMessage());
        assertEquals("java.lang.IllegalStateException: also ***", scrubbed.getSuppressed()[0].getMessage());
        assertEquals(outer.getStackTrace().length, scrubbed.getStackTrace().length);
        java.io.StringWriter out = new java.io.StringWriter();
        scrubbed.printStackTrace(new java.io.PrintWriter(out));
        assertFalse(out.toString().contains("topsecret"));
    }

    @Test
    void sensitiveHeadersAreRecognisedByName() {
        for (String name :
                List.of("Authorization", "X-Api-Key", "apikey", "X-Auth-Token", "X-Flashbots-Signature", "Cookie")) {
            assertTrue(Secrets.isSensitiveHeader(name), name);
        }
        for (String name : List.of("Content-Type", "Accept", "X-Request-Id", "User-Agent")) {
            assertFalse(Secrets.isSensitiveHeader(name), name);
        }
    }
}
