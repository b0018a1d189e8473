package org.bounceclassifier.ledger;

import java.time.Instant;
import java.util.List;

/**
 * Classifications counted per hour, per receiving provider, per category: the history behind the
 * traffic screen's breakdown by receiver. The ledger's database keeps it (table
 * {@code receiver_traffic}, migration V5), so every instance sharing the database adds to the same
 * counts and they survive a restart; without a ledger the service keeps it in memory.
 */
public interface ReceiverCounts {

    /**
     * One count.
     *
     * @param hour the start of the hour (a whole UTC hour)
     * @param provider a provider family id ({@code gmail}, {@code yahoo}, ..., {@code other})
     * @param category a category id
     */
    record HourCount(Instant hour, String provider, String category, long count) {
    }

    /** Adds each count to what is stored for its hour, provider and category, in one transaction. */
    void add(List<HourCount> counts);

    /** Every count of the hours starting at or after {@code from}, oldest hour first. */
    List<HourCount> since(Instant from);

    /** Deletes the hours that started before {@code cutoff}; returns how many rows went. */
    long purgeBefore(Instant cutoff);

    /** Where the counts are kept, for the traffic report: {@code ledger} or {@code memory}. */
    String storage();
}
