package org.bounceclassifier.ledger;

import java.time.Instant;
import java.util.List;

/**
 * Where the traffic sample is kept: the ledger's database (shared by instances, kept across
 * restarts) or, for a service without a ledger, memory.
 */
public interface TrafficSampleStore {
    /**
     * Adds counted inputs (each entry's count is added to the stored one), then drops what is past
     * the limits: entries last seen before {@code expireBefore}, and the least recently seen beyond
     * {@code maxEntries}.
     */
    void add(List<TrafficSampleEntry> counted, int maxEntries, Instant expireBefore);

    /** At most {@code max} entries seen since {@code since}, the most recently seen first. */
    List<TrafficSampleEntry> read(int max, Instant since);
}
