package org.bounceclassifier.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bounceclassifier.TestClock;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.ledger.TrafficSampleEntry;
import org.junit.jupiter.api.Test;

/** The sample of real inputs: people's addresses never kept, one row per distinct input, bounded in size and age. */
class TrafficSampleTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));

    private static Classification classify(String text, String recipient) {
        return TestRules.bundled().classify(new BounceInput(null, null, text, recipient, null, "mx.example.jp",
                "failed", 0), "en");
    }

    @Test
    void addressesAreHiddenAndTheSameInputForAnotherPersonAddsUp() {
        try (TrafficSample sample = new TrafficSample(clock)) {
            sample.record(classify("550 5.1.1 <taro.yamada@example.jp>: Recipient address rejected: User unknown",
                    "taro.yamada@example.jp"));
            sample.record(classify("550 5.1.1 <hanako@example.jp>: Recipient address rejected: User unknown",
                    "hanako@example.jp"));
            sample.record(classify("452 4.2.2 <hanako@example.jp>: Mailbox full", "hanako@example.jp"));

            List<TrafficSampleEntry> entries = sample.entries();
            assertEquals(2, entries.size(), entries.toString());
            TrafficSampleEntry unknown = entries.stream().filter(e -> e.count() == 2).findFirst().orElseThrow();
            assertEquals("550 5.1.1 <***@example.jp>: Recipient address rejected: User unknown", unknown.diagnostic());
            assertEquals("example.jp", unknown.recipientDomain());
            assertEquals(550, unknown.smtpCode());
            assertEquals("5.1.1", unknown.enhancedStatus());
            assertEquals("mx.example.jp", unknown.remoteMta());
            assertEquals("failed", unknown.dsnAction());
            entries.forEach(e -> assertFalse(e.toString().contains("taro") || e.toString().contains("hanako"),
                    e.toString()));
            assertFalse(sample.inLedger());
        }
    }

    @Test
    void theSampleKeepsTheMostRecentInputsUpToItsSizeAndForgetsOldOnes() {
        try (TrafficSample sample = new TrafficSample(clock)) {
            sample.limits(2, 7);
            sample.record(classify("550 5.1.1 no such user here", "a@example.jp"));
            sample.entries();
            clock.advance(Duration.ofMinutes(1));
            sample.record(classify("452 4.2.2 mailbox full", "a@example.jp"));
            sample.record(classify("554 5.7.1 rejected as spam", "a@example.jp"));
            List<String> kept = sample.entries().stream().map(TrafficSampleEntry::diagnostic).toList();
            assertEquals(2, kept.size(), kept.toString());
            assertFalse(kept.contains("550 5.1.1 no such user here"), "the least recently seen made room");

            clock.advance(Duration.ofDays(8));
            assertTrue(sample.entries().isEmpty(), "nothing seen in the last 7 days");
        }
    }
}
