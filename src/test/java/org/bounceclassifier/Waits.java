package org.bounceclassifier;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for an effect that happens on another thread (a reload after a file change). The
 * deadline is generous because the CI machine is small: these waits check that something
 * happens, not how fast; speed is measured by the scripts in scripts/.
 */
public final class Waits {
    public static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 50;

    private Waits() {
    }

    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("within " + DEADLINE + ": " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
