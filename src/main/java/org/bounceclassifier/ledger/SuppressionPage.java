package org.bounceclassifier.ledger;

import java.util.List;

/**
 * One page of the suppression list.
 *
 * @param total how many suppressions match the filters, on every page together
 * @param next where the next page starts, or null on the last page
 */
public record SuppressionPage(List<Recipient> items, long total, SuppressionQuery.Position next) {
}
