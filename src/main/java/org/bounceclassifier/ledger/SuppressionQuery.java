package org.bounceclassifier.ledger;

import java.time.Instant;

/**
 * Which suppressions to list, oldest first, and from where.
 *
 * @param domain only this domain (lower case), or null
 * @param category only this category id, or null
 * @param since only suppressions at or after this instant, or null
 * @param after the position after which the page starts (the last entry of the previous page), or null
 * @param limit the largest number of entries in the page
 */
public record SuppressionQuery(String domain, String category, Instant since, Position after, int limit) {

    /** A place in the list: the list is ordered by suppression time, then address. */
    public record Position(Instant suppressedAt, String address) {
    }
}
