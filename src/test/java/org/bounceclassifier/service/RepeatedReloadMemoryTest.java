package org.bounceclassifier.service;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import org.bounceclassifier.TestRules;
import org.junit.jupiter.api.Test;

/**
 * Old knowledge bases, their generated classes and their sessions are released: after many reloads
 * in one process, heap after GC and metaspace stay within 10 % of where they were after the first
 * 10. CI runs {@value #DEFAULT_RELOADS} reloads; {@code scripts/reload-leak.sh} runs 500 with the
 * same test ({@code -Dreload.memory.count=500}) and prints the figures.
 */
class RepeatedReloadMemoryTest {
    static final int DEFAULT_RELOADS = 40;
    private static final int WARM_UP_RELOADS = 10;
    private static final double TOLERANCE = 0.10;

    private record Memory(long heapAfterGc, long metaspace) {
        @Override
        public String toString() {
            return String.format("heap after GC %.1f MiB, metaspace %.1f MiB", heapAfterGc / 1048576.0,
                    metaspace / 1048576.0);
        }
    }

    private static Memory measure() throws InterruptedException {
        final int gcRounds = 3;
        for (int i = 0; i < gcRounds; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long metaspace = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getName().equals("Metaspace"))
                .mapToLong(p -> p.getUsage().getUsed())
                .sum();
        return new Memory(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), metaspace);
    }

    @Test
    void reloadsDoNotGrowHeapOrMetaspace() throws InterruptedException {
        int reloads = Integer.getInteger("reload.memory.count", DEFAULT_RELOADS);
        try (CurrentRules current = new CurrentRules(TestRules.RULES, TestRules.CASES, true)) {
            for (int i = 0; i < WARM_UP_RELOADS; i++) {
                assertTrue(current.load(CurrentRules.API).ok());
            }
            Memory first = measure();
            for (int i = WARM_UP_RELOADS; i < reloads; i++) {
                assertTrue(current.load(CurrentRules.API).ok());
            }
            Memory last = measure();
            System.out.printf("after %d reloads: %s; after %d reloads: %s%n", WARM_UP_RELOADS, first, reloads, last);
            assertTrue(last.heapAfterGc() <= first.heapAfterGc() * (1 + TOLERANCE),
                    "heap grew from " + first + " to " + last);
            assertTrue(last.metaspace() <= first.metaspace() * (1 + TOLERANCE),
                    "metaspace grew from " + first + " to " + last);
        }
    }
}
