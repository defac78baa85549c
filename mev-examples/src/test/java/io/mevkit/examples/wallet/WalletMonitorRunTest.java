package io.mevkit.examples.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mevkit.core.ValidationException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalletMonitorRunTest {
    @Test
    void percentilesAreNearestRank() {
        List<Long> values = List.of(5L, 1L, 4L, 2L, 3L);
        assertEquals(3, WalletMonitorRun.percentile(values, 50));
        assertEquals(5, WalletMonitorRun.percentile(values, 99));
        assertEquals(1, WalletMonitorRun.percentile(values, 1));
        assertEquals(0, WalletMonitorRun.percentile(List.of(), 50));
    }

    @Test
    void tooFewBlocksNameTheField() {
        ValidationException e = assertThrows(
                ValidationException.class, () -> new WalletMonitorRun.Options(1, 1, true, Duration.ofMillis(100)));
        assertEquals("blocks", e.field());
    }

    @Test
    void aMonitorNeedsAnAddress() {
        ValidationException e = assertThrows(ValidationException.class, () -> WalletMonitor.builder()
                .node("http://127.0.0.1:1", "ws://127.0.0.1:1")
                .build());
        assertEquals("watch", e.field());
    }
}
