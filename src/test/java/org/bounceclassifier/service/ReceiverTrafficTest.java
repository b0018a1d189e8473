package org.bounceclassifier.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bounceclassifier.TestClock;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.engine.Evidence;
import org.bounceclassifier.ledger.LedgerStoreException;
import org.bounceclassifier.ledger.ReceiverCounts;
import org.junit.jupiter.api.Test;

class ReceiverTrafficTest {
    private static final Instant START = Instant.parse("2026-12-05T09:10:00Z");
    private static final String TSS04 = "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred";

    private final TestClock clock = new TestClock(START);
    private final MemoryReceiverCounts store = new MemoryReceiverCounts();
    private final ReceiverTraffic traffic = new ReceiverTraffic(ReceiverFamilies.bundled(), store, clock,
            Duration.ofDays(31));

    private static Evidence to(String recipient) {
        return Evidence.from(new BounceInput(null, null, "x", recipient, null, null, null, 0));
    }

    private void record(int n, Category category, String recipient) {
        for (int i = 0; i < n; i++) {
            traffic.record(category, to(recipient));
        }
    }

    private static ReceiverTraffic.Provider provider(ReceiverTraffic.Report r, String id) {
        return r.providers().stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
    }

    @Test
    void aBurstOfDeferralsAtOneProviderIsMarkedAgainstItsOwnBaseline() {
        // a normal day at Yahoo: 100 an hour, 5 of them deferred
        for (int hour = 0; hour < 24; hour++) {
            record(95, Category.BAD_MAILBOX, "a@yahoo.com");
            record(5, Category.RATE_LIMITED, "a@yahoo.com");
            record(50, Category.BAD_MAILBOX, "b@gmail.com");
            clock.advance(Duration.ofHours(1));
        }
        traffic.flush();
        ReceiverTraffic.Report calm = traffic.report(24);
        assertFalse(provider(calm, "yahoo").spike(), "5% deferred every hour is Yahoo's normal");
        // then TSS04: 60 of the next 100 deferred
        record(40, Category.BAD_MAILBOX, "a@yahoo.com");
        record(60, Category.REPUTATION_BLOCK, "a@yahoo.com");
        record(50, Category.BAD_MAILBOX, "b@gmail.com");
        ReceiverTraffic.Report r = traffic.report(24);
        ReceiverTraffic.Provider yahoo = provider(r, "yahoo");
        assertTrue(yahoo.spike());
        assertEquals("yahoo", r.providers().get(0).id(), "a marked provider comes first");
        // judged on the current hour on its own (the calm hour before it does not dilute it), against
        // the 24 hours before the recent two: 23 of the calm hours here
        assertEquals(Instant.parse("2026-12-06T09:00:00Z"), yahoo.recent().from());
        assertEquals(100, yahoo.recent().total());
        assertEquals(60, yahoo.recent().blocked());
        assertEquals(2300, yahoo.baseline().total());
        assertEquals(115, yahoo.baseline().blocked());
        // an hour later the burst hour is the one before: still marked
        clock.advance(Duration.ofHours(1));
        record(1, Category.BAD_MAILBOX, "a@yahoo.com");
        ReceiverTraffic.Provider later = provider(traffic.report(24), "yahoo");
        assertTrue(later.spike());
        assertEquals(Instant.parse("2026-12-06T09:00:00Z"), later.recent().from());
        // two hours later it is out of the recent hours, and in the baseline
        clock.advance(Duration.ofHours(1));
        assertFalse(provider(traffic.report(24), "yahoo").spike());
        assertFalse(provider(r, "gmail").spike());
        assertEquals(60, yahoo.blockedHourly()[23]);
        assertEquals(100, yahoo.hourly()[23]);
        assertEquals(Long.valueOf(60), yahoo.counts().get("reputation_block"));
    }

    @Test
    void fewerBlocksThanTheMinimumRaiseNoMarkEvenAtAHundredPercent() {
        record(19, Category.REPUTATION_BLOCK, "a@yahoo.com");
        assertFalse(provider(traffic.report(1), "yahoo").spike());
        record(1, Category.REPUTATION_BLOCK, "a@yahoo.com");
        // no baseline: its share counts as 0, and 20 of 20 is a rise of 100 points
        assertTrue(provider(traffic.report(1), "yahoo").spike());
    }

    @Test
    void aRiseSmallerThanTheRuleSaysIsNoSpike() {
        record(60, Category.RATE_LIMITED, "a@yahoo.com");
        record(40, Category.BAD_MAILBOX, "a@yahoo.com");
        clock.advance(Duration.ofHours(3));
        // 35% in the current hour against a baseline of 60%: a fall
        record(35, Category.RATE_LIMITED, "a@yahoo.com");
        record(65, Category.BAD_MAILBOX, "a@yahoo.com");
        ReceiverTraffic.Provider yahoo = provider(traffic.report(6), "yahoo");
        assertFalse(yahoo.spike());
        assertEquals(0.35, yahoo.recent().share(), 1e-9);
        assertEquals(0.6, yahoo.baseline().share(), 1e-9);
    }

    @Test
    void countsAreWrittenInBatchesAndReadBackWithTheOnesNotWrittenYet() {
        record(3, Category.BAD_MAILBOX, "a@docomo.ne.jp");
        assertTrue(store.since(START.minus(Duration.ofDays(1))).isEmpty(), "nothing written before a flush");
        assertEquals(3, provider(traffic.report(1), "docomo").total(), "the report adds what waits");
        traffic.flush();
        assertEquals(List.of(new ReceiverCounts.HourCount(Instant.parse("2026-12-05T09:00:00Z"), "docomo",
                "bad_mailbox", 3)), store.since(START.minus(Duration.ofDays(1))));
        record(2, Category.BAD_MAILBOX, "a@docomo.ne.jp");
        traffic.flush();
        assertEquals(5, provider(traffic.report(1), "docomo").total(), "added, not overwritten");
    }

    @Test
    void aBatchTheStoreRefusesIsKeptForTheNextFlush() {
        FailingOnce failing = new FailingOnce();
        ReceiverTraffic t = new ReceiverTraffic(ReceiverFamilies.bundled(), failing, clock, Duration.ofDays(31));
        t.record(Category.RATE_LIMITED, to("a@ezweb.ne.jp"));
        t.flush();
        assertTrue(failing.written.isEmpty());
        t.record(Category.RATE_LIMITED, to("a@ezweb.ne.jp"));
        t.flush();
        assertEquals(1, failing.written.size());
        assertEquals(2, failing.written.get(0).count());
        assertEquals("au", failing.written.get(0).provider());
    }

    @Test
    void classificationsWithoutRecipientOrMtaAreNotCountedByReceiver() {
        traffic.record(Category.BAD_MAILBOX, Evidence.from(BounceInput.ofDiagnostic("550 5.1.1 unknown")));
        traffic.flush();
        assertTrue(traffic.report(1).providers().isEmpty());
        assertNull(ReceiverFamilies.bundled().familyOf(null, null));
    }

    @Test
    void hoursOlderThanTheRetentionArePurged() {
        ReceiverTraffic shortLived = new ReceiverTraffic(ReceiverFamilies.bundled(), store, clock, Duration.ofDays(1));
        shortLived.record(Category.BAD_MAILBOX, to("a@gmail.com"));
        shortLived.flush();
        clock.advance(Duration.ofHours(24));
        assertEquals(0, shortLived.purge(), "24 hours old: kept");
        clock.advance(Duration.ofHours(1));
        assertEquals(1, shortLived.purge());
        assertTrue(store.since(START.minus(Duration.ofDays(2))).isEmpty());
    }

    @Test
    void aReportCoversOneToMaxHours() {
        assertEquals(1, traffic.report(1).hours().size());
        assertEquals(Instant.parse("2026-12-05T09:00:00Z"), traffic.report(1).hours().get(0));
        assertEquals(ReceiverTraffic.MAX_HOURS, traffic.report(ReceiverTraffic.MAX_HOURS).hours().size());
        assertThrows(IllegalArgumentException.class, () -> traffic.report(0));
        assertEquals("memory", traffic.report(1).storage());
    }

    /** A store whose first write fails, as a database that is briefly unreachable. */
    private static final class FailingOnce implements ReceiverCounts {
        final List<HourCount> written = new ArrayList<>();
        private boolean failed;

        @Override
        public void add(List<HourCount> counts) {
            if (!failed) {
                failed = true;
                throw new LedgerStoreException("the ledger database failed: connection refused", null);
            }
            written.addAll(counts);
        }

        @Override
        public List<HourCount> since(Instant from) {
            return List.copyOf(written);
        }

        @Override
        public long purgeBefore(Instant cutoff) {
            return 0;
        }

        @Override
        public String storage() {
            return "test";
        }
    }
}
