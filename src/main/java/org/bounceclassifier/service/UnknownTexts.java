package org.bounceclassifier.service;

import com.google.re2j.Pattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bounceclassifier.engine.Evidence;

/**
 * The diagnostic texts that most often ended in {@code unknown}: the rules to write next.
 *
 * <p>Memory is bounded whatever the traffic: at most {@code capacity} wordings, each with one
 * sample of at most {@link #MAX_TEXT_LENGTH} characters, kept with the Space-Saving algorithm
 * (Metwally, Agrawal, El Abbadi, 2005). When the table is full, a new wording takes the place of
 * the least frequent one and inherits its count as a possible overcount; a wording seen more often
 * than {@code total / capacity} times is never lost, and every count comes with the lower bound it
 * guarantees. Not thread-safe: {@link TrafficRecorder} guards it.
 */
final class UnknownTexts {
    /** Characters of a sample kept: enough to recognize a wording and write a rule for it. */
    static final int MAX_TEXT_LENGTH = 300;
    /**
     * Characters looked at before masking. Longer than what is kept so that masking, which may
     * lengthen a text by a few characters per address, still fills the sample.
     */
    static final int READ_WINDOW = 2 * MAX_TEXT_LENGTH;
    private static final String CUT_MARK = "…";
    /** Digit runs (IP addresses, queue ids, timestamps) do not make two wordings different. */
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private static final class Counter {
        final String text;
        final Integer smtpCode;
        final String enhancedStatus;
        final Instant firstSeen;
        long count;
        /** How much of {@code count} may have been inherited from an evicted wording. */
        final long overcount;
        Instant lastSeen;
        String rulesVersion;

        Counter(String text, Integer smtpCode, String enhancedStatus, Instant at, long inherited) {
            this.text = text;
            this.smtpCode = smtpCode;
            this.enhancedStatus = enhancedStatus;
            this.firstSeen = at;
            this.count = inherited;
            this.overcount = inherited;
        }
    }

    private final int capacity;
    private final Map<String, Counter> byKey = new HashMap<>();

    UnknownTexts(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /** Counts one bounce that ended in {@code unknown}. */
    void add(Evidence evidence, String rulesVersion, Instant at) {
        String sample = sample(evidence.getDiagnostic());
        Integer smtpCode = evidence.hasSmtpCode() ? evidence.getSmtpCode() : null;
        String key = key(sample, smtpCode, evidence.getEnhancedStatus());
        Counter counter = byKey.get(key);
        if (counter == null) {
            long inherited = 0;
            if (byKey.size() >= capacity) {
                // Space-Saving: the least frequent wording makes room, its count carries over
                Map.Entry<String, Counter> least = byKey.entrySet().stream()
                        .min(Comparator.comparingLong(e -> e.getValue().count))
                        .orElseThrow();
                byKey.remove(least.getKey());
                inherited = least.getValue().count;
            }
            counter = new Counter(sample, smtpCode, evidence.getEnhancedStatus(), at, inherited);
            byKey.put(key, counter);
        }
        counter.count++;
        counter.lastSeen = at;
        counter.rulesVersion = rulesVersion;
    }

    /** The {@code limit} most frequent wordings, most frequent first. */
    List<UnknownText> top(int limit) {
        List<UnknownText> out = new ArrayList<>(byKey.size());
        for (Counter c : byKey.values()) {
            out.add(new UnknownText(c.text, c.smtpCode, c.enhancedStatus, c.count, c.count - c.overcount,
                    c.firstSeen, c.lastSeen, c.rulesVersion));
        }
        out.sort(Comparator.comparingLong(UnknownText::count).reversed().thenComparing(UnknownText::lastSeen,
                Comparator.reverseOrder()));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
    }

    int size() {
        return byKey.size();
    }

    int capacity() {
        return capacity;
    }

    /**
     * The diagnostic as it may be kept and shown: addresses masked, at most
     * {@link #MAX_TEXT_LENGTH} characters; null when there was none.
     */
    static String sample(String diagnostic) {
        if (diagnostic == null || diagnostic.isBlank()) {
            return null;
        }
        String window = diagnostic.strip();
        if (window.length() > READ_WINDOW) {
            window = window.substring(0, READ_WINDOW);
            // the cut may split an address before its '@': drop the partial word rather than show it
            int lastSpace = lastWhitespace(window);
            window = lastSpace > 0 ? window.substring(0, lastSpace) : "";
        }
        String masked = AddressMask.mask(window);
        boolean cut = masked.length() > MAX_TEXT_LENGTH || window.length() < diagnostic.strip().length();
        if (masked.length() > MAX_TEXT_LENGTH) {
            masked = masked.substring(0, MAX_TEXT_LENGTH);
        }
        return cut ? masked + CUT_MARK : masked;
    }

    /** The same wording whoever it was sent to and whatever the numbers in it. */
    static String key(String sample, Integer smtpCode, String enhancedStatus) {
        if (sample == null) {
            // no text: the codes are all there is to write a rule for
            return "\u0000codes " + smtpCode + " " + enhancedStatus;
        }
        return DIGITS.matcher(AddressMask.replaceAll(Evidence.normalize(sample))).replaceAll("#");
    }

    private static int lastWhitespace(String s) {
        for (int i = s.length() - 1; i >= 0; i--) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
