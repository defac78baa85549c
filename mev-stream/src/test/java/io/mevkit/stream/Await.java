package io.mevkit.stream;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A bounded wait for a condition another thread makes true. */
final class Await {
    private Await() {}

    static void until(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TestClient.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + TestClient.WAIT + ": " + what.get());
            }
            Thread.sleep(10);
        }
    }
}
