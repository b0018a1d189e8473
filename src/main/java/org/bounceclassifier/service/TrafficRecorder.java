package org.bounceclassifier.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.engine.Evidence;

/**
 * Recent traffic, for the web console's traffic screen ({@code GET /v1/traffic}): classifications
 * per category per minute over the last {@link #WINDOW_MINUTES} minutes, and the diagnostic texts
 * that most often ended in {@code unknown} since start, with addresses masked.
 *
 * <p>Memory is fixed: a ring of one counter per category per minute, and a bounded table of
 * unknown wordings ({@link UnknownTexts}). Recording takes one short lock; it runs after a rule
 * session that costs a thousand times more, so the lock is never what a request waits for.
 */
public final class TrafficRecorder {
    /** The traffic screen shows the last hour, one bar per minute. */
    public static final int WINDOW_MINUTES = 60;
    /** Wordings tracked; the Space-Saving table keeps the frequent ones exactly when traffic has fewer. */
    public static final int UNKNOWN_TEXTS_TRACKED = 200;
    /** Wordings reported: the list a rule writer works through. */
    public static final int UNKNOWN_TEXTS_REPORTED = 20;
    private static final long MILLIS_PER_MINUTE = 60_000;
    private static final Category[] CATEGORIES = Category.values();

    /** Where a classification came from when nothing says otherwise: the HTTP API. */
    public static final String API = "api";

    /**
     * One minute of traffic: how many classifications ended in each category, and how many came in
     * by each way (api, smtp, imap, a webhook platform); zeros left out.
     */
    public record Minute(Instant start, Map<String, Integer> counts, Map<String, Integer> sources) {
        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * What the traffic screen shows.
     *
     * @param minutes the last {@link #WINDOW_MINUTES} minutes, oldest first, the current one last
     * @param unknownTexts the most frequent unknown wordings since {@code since}
     * @param unknownTextsTracked how many wordings the table holds now (at most {@code capacity})
     */
    public record Snapshot(Instant at, Instant since, List<Minute> minutes, List<UnknownText> unknownTexts,
                           int unknownTextsTracked, int unknownTextsCapacity) {
        /** Classifications per category over the window, most frequent first. */
        public Map<String, Integer> totals() {
            Map<String, Integer> sums = new LinkedHashMap<>();
            for (Minute m : minutes) {
                m.counts().forEach((category, n) -> sums.merge(category, n, Integer::sum));
            }
            return byCountDescending(sums);
        }

        /** Classifications per way in over the window, most frequent first. */
        public Map<String, Integer> sourceTotals() {
            Map<String, Integer> sums = new LinkedHashMap<>();
            for (Minute m : minutes) {
                m.sources().forEach((source, n) -> sums.merge(source, n, Integer::sum));
            }
            return byCountDescending(sums);
        }

        private static Map<String, Integer> byCountDescending(Map<String, Integer> sums) {
            List<Map.Entry<String, Integer>> sorted = new ArrayList<>(sums.entrySet());
            sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
            Map<String, Integer> out = new LinkedHashMap<>();
            sorted.forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        }
    }

    private final Clock clock;
    private final Instant since;
    /** The minute (since the epoch) each slot of the ring counts; a slot from an older hour is stale. */
    private final long[] slotMinute = new long[WINDOW_MINUTES];
    private final int[][] slotCounts = new int[WINDOW_MINUTES][CATEGORIES.length];
    /** Per way in, one counter per slot of the ring; the ways are few (api, smtp, imap, five platforms). */
    private final Map<String, int[]> sourceCounts = new LinkedHashMap<>();
    private final UnknownTexts unknown = new UnknownTexts(UNKNOWN_TEXTS_TRACKED);

    public TrafficRecorder() {
        this(Clock.systemUTC());
    }

    public TrafficRecorder(Clock clock) {
        this.clock = clock;
        this.since = clock.instant();
        Arrays.fill(slotMinute, -1);
    }

    /** Counts one classification made for the HTTP API. */
    public void record(Classification c) {
        record(c, API);
    }

    /** Counts one classification of a bounce that came in by {@code source} (smtp, imap, ses, ...). */
    public void record(Classification c, String source) {
        record(c.category(), c.evidence(), c.rulesVersion(), source);
    }

    /** Counts one answer of the HTTP API. */
    public void record(Category category, Evidence evidence, String rulesVersion) {
        record(category, evidence, rulesVersion, API);
    }

    /** Counts one answer; the evidence is kept (masked) only when the answer is {@code unknown}. */
    public synchronized void record(Category category, Evidence evidence, String rulesVersion, String source) {
        Instant now = clock.instant();
        long minute = now.toEpochMilli() / MILLIS_PER_MINUTE;
        int slot = (int) (minute % WINDOW_MINUTES);
        if (slotMinute[slot] != minute) {
            slotMinute[slot] = minute;
            Arrays.fill(slotCounts[slot], 0);
            sourceCounts.values().forEach(counts -> counts[slot] = 0);
        }
        slotCounts[slot][category.ordinal()]++;
        sourceCounts.computeIfAbsent(source, k -> new int[WINDOW_MINUTES])[slot]++;
        if (category == Category.UNKNOWN && evidence != null) {
            unknown.add(evidence, rulesVersion, now);
        }
    }

    public synchronized Snapshot snapshot() {
        Instant now = clock.instant();
        long current = now.toEpochMilli() / MILLIS_PER_MINUTE;
        List<Minute> minutes = new ArrayList<>(WINDOW_MINUTES);
        for (long minute = current - WINDOW_MINUTES + 1; minute <= current; minute++) {
            int slot = (int) (minute % WINDOW_MINUTES);
            Map<String, Integer> counts = new LinkedHashMap<>();
            Map<String, Integer> sources = new LinkedHashMap<>();
            if (slotMinute[slot] == minute) {
                for (Category c : CATEGORIES) {
                    int n = slotCounts[slot][c.ordinal()];
                    if (n > 0) {
                        counts.put(c.id(), n);
                    }
                }
                sourceCounts.forEach((source, n) -> {
                    if (n[slot] > 0) {
                        sources.put(source, n[slot]);
                    }
                });
            }
            minutes.add(new Minute(Instant.ofEpochMilli(minute * MILLIS_PER_MINUTE), Collections.unmodifiableMap(counts),
                    Collections.unmodifiableMap(sources)));
        }
        return new Snapshot(now, since, List.copyOf(minutes), unknown.top(UNKNOWN_TEXTS_REPORTED), unknown.size(),
                unknown.capacity());
    }
}
