package org.bounceclassifier.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bounceclassifier.TestClock;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.engine.Evidence;
import org.junit.jupiter.api.Test;

class TrafficRecorderTest {
    private static final Instant START = Instant.parse("2026-11-24T10:00:30Z");
    private static final String VERSION = "2026-11-24T10:00:00Z#abc123";

    private static Evidence text(String diagnostic) {
        return Evidence.from(BounceInput.ofDiagnostic(diagnostic));
    }

    @Test
    void masksEveryAddressButItsFirstCharacterAndDomain() {
        assertEquals("550 <t***@example.jp>: user unknown, copy to h***@mail.example.co.jp",
                AddressMask.mask("550 <taro@example.jp>: user unknown, copy to hanako.yamada+news@mail.example.co.jp"));
        assertEquals("宛先 た***@例え.jp は存在しません", AddressMask.mask("宛先 たろう@例え.jp は存在しません"));
        assertEquals("no address here: 5.1.1", AddressMask.mask("no address here: 5.1.1"));
    }

    @Test
    void keepsNoAddressInTheUnknownTexts() {
        TrafficRecorder traffic = new TrafficRecorder(new TestClock(START));
        traffic.record(Category.UNKNOWN, text("mailbox taro.suzuki@example.jp is parked by the operator"), VERSION);
        UnknownText t = traffic.snapshot().unknownTexts().get(0);
        assertEquals("mailbox t***@example.jp is parked by the operator", t.text());
        assertFalse(t.text().contains("taro.suzuki"));
    }

    @Test
    void aLongTextIsCutWithoutShowingAnAddressThatTheCutSplit() {
        String filler = "x ".repeat(UnknownTexts.READ_WINDOW / 2 - 5);
        // the address starts before the read window ends and its '@' lies beyond it
        String diagnostic = filler + "someone.private@example.jp rest of the text";
        String sample = UnknownTexts.sample(diagnostic);
        assertFalse(sample.contains("someone"), sample);
        assertTrue(sample.endsWith("…"));
        assertTrue(sample.length() <= UnknownTexts.MAX_TEXT_LENGTH + 1);
        String shortText = "a".repeat(UnknownTexts.MAX_TEXT_LENGTH + 50) + " see kenji@example.com";
        assertEquals(UnknownTexts.MAX_TEXT_LENGTH + 1, UnknownTexts.sample(shortText).length());
        assertFalse(UnknownTexts.sample(shortText).contains("kenji"));
    }

    @Test
    void countsWordingsThatDifferOnlyInAddressesAndNumbersAsOne() {
        TrafficRecorder traffic = new TrafficRecorder(new TestClock(START));
        traffic.record(Category.UNKNOWN, text("451 parked for taro@example.jp by host 192.0.2.10"), VERSION);
        traffic.record(Category.UNKNOWN, text("451 parked for hanako@example.net by host 192.0.2.77"), VERSION);
        traffic.record(Category.UNKNOWN, text("something else"), VERSION);
        traffic.record(Category.BAD_MAILBOX, text("550 user unknown: jiro@example.jp"), VERSION);
        List<UnknownText> top = traffic.snapshot().unknownTexts();
        assertEquals(2, top.size(), top.toString());
        assertEquals(2, top.get(0).count());
        assertEquals("451 parked for t***@example.jp by host 192.0.2.10", top.get(0).text());
        assertEquals(1, top.get(1).count());
        assertTrue(top.stream().noneMatch(t -> t.text().contains("user unknown")), "only unknown answers are kept");
    }

    @Test
    void keepsCodesWhenThereIsNoText() {
        TrafficRecorder traffic = new TrafficRecorder(new TestClock(START));
        Evidence codesOnly = Evidence.from(new BounceInput(599, "5.9.9", null, null, null, null, null, 0));
        traffic.record(Category.UNKNOWN, codesOnly, VERSION);
        traffic.record(Category.UNKNOWN, codesOnly, VERSION);
        UnknownText t = traffic.snapshot().unknownTexts().get(0);
        assertNull(t.text());
        assertEquals(599, t.smtpCode());
        assertEquals("5.9.9", t.enhancedStatus());
        assertEquals(2, t.count());
    }

    @Test
    void bucketsPerMinuteOverTheLastHour() {
        TestClock clock = new TestClock(START);
        TrafficRecorder traffic = new TrafficRecorder(clock);
        traffic.record(Category.BAD_MAILBOX, text("a"), VERSION);
        traffic.record(Category.BAD_MAILBOX, text("b"), VERSION);
        clock.advance(Duration.ofMinutes(1));
        traffic.record(Category.MAILBOX_FULL, text("c"), VERSION);
        traffic.record(Category.UNKNOWN, text("d"), VERSION);

        TrafficRecorder.Snapshot s = traffic.snapshot();
        assertEquals(TrafficRecorder.WINDOW_MINUTES, s.minutes().size());
        TrafficRecorder.Minute current = s.minutes().get(s.minutes().size() - 1);
        TrafficRecorder.Minute previous = s.minutes().get(s.minutes().size() - 2);
        assertEquals(Instant.parse("2026-11-24T10:01:00Z"), current.start());
        assertEquals(Map.of("mailbox_full", 1, "unknown", 1), current.counts());
        assertEquals(Map.of("bad_mailbox", 2), previous.counts());
        assertEquals(Map.of("bad_mailbox", 2, "mailbox_full", 1, "unknown", 1), s.totals());
        assertEquals("bad_mailbox", s.totals().keySet().iterator().next(), "the busiest first");
        assertEquals(Instant.parse("2026-11-24T09:02:00Z"), s.minutes().get(0).start());
    }

    @Test
    void forgetsMinutesOlderThanTheWindowEvenWhenTheirSlotIsNotReused() {
        TestClock clock = new TestClock(START);
        TrafficRecorder traffic = new TrafficRecorder(clock);
        traffic.record(Category.BAD_MAILBOX, text("a"), VERSION);
        clock.advance(Duration.ofMinutes(TrafficRecorder.WINDOW_MINUTES - 1));
        assertEquals(Map.of("bad_mailbox", 1), traffic.snapshot().totals(), "59 minutes later it is still shown");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Map.of(), traffic.snapshot().totals(), "an hour later it is gone");
        // the same slot, an hour and a bit later: the old count must not come back
        clock.advance(Duration.ofMinutes(TrafficRecorder.WINDOW_MINUTES));
        traffic.record(Category.MAILBOX_FULL, text("b"), VERSION);
        assertEquals(Map.of("mailbox_full", 1), traffic.snapshot().totals());
    }

    @Test
    void theUnknownTableStaysBoundedAndKeepsTheFrequentWording() {
        TrafficRecorder traffic = new TrafficRecorder(new TestClock(START));
        String frequent = "the one wording that keeps coming back";
        int distinct = TrafficRecorder.UNKNOWN_TEXTS_TRACKED * 5;
        for (int i = 0; i < distinct; i++) {
            traffic.record(Category.UNKNOWN, text("rare wording " + letters(i)), VERSION);
            if (i % 10 == 0) {
                traffic.record(Category.UNKNOWN, text(frequent), VERSION);
            }
        }
        TrafficRecorder.Snapshot s = traffic.snapshot();
        assertEquals(TrafficRecorder.UNKNOWN_TEXTS_TRACKED, s.unknownTextsTracked(), "never more than the capacity");
        assertEquals(TrafficRecorder.UNKNOWN_TEXTS_REPORTED, s.unknownTexts().size());
        UnknownText top = s.unknownTexts().get(0);
        assertEquals(frequent, top.text());
        assertTrue(top.guaranteed() <= distinct / 10 && top.count() >= distinct / 10,
                "the true count " + distinct / 10 + " lies between " + top.guaranteed() + " and " + top.count());
    }

    /** A distinct word per number, in letters: texts that differ only in digits count as one wording. */
    private static String letters(int n) {
        StringBuilder word = new StringBuilder();
        do {
            word.append((char) ('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return word.toString();
    }

    @Test
    void countsEachWayInPerMinute() {
        TestClock clock = new TestClock(START);
        TrafficRecorder traffic = new TrafficRecorder(clock);
        traffic.record(Category.BAD_MAILBOX, text("a"), VERSION);
        traffic.record(Category.BAD_MAILBOX, text("b"), VERSION, "smtp");
        traffic.record(Category.COMPLAINT, text("c"), VERSION, "ses");
        clock.advance(Duration.ofMinutes(1));
        traffic.record(Category.MAILBOX_FULL, text("d"), VERSION, "smtp");

        TrafficRecorder.Snapshot s = traffic.snapshot();
        TrafficRecorder.Minute current = s.minutes().get(s.minutes().size() - 1);
        TrafficRecorder.Minute previous = s.minutes().get(s.minutes().size() - 2);
        assertEquals(Map.of("smtp", 1), current.sources());
        assertEquals(Map.of("api", 1, "smtp", 1, "ses", 1), previous.sources());
        assertEquals(List.of("smtp", "api", "ses"), List.copyOf(s.sourceTotals().keySet()), "busiest first");
        assertEquals(2, s.sourceTotals().get("smtp"));

        clock.advance(Duration.ofMinutes(TrafficRecorder.WINDOW_MINUTES));
        traffic.record(Category.BAD_MAILBOX, text("e"), VERSION, "imap");
        assertEquals(Map.of("imap", 1), traffic.snapshot().sourceTotals(), "an hour later the old minutes are gone");
    }
}
