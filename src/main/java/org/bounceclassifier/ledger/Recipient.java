package org.bounceclassifier.ledger;

import java.time.Instant;
import java.util.List;

/**
 * One recipient's state in the ledger.
 *
 * @param consecutiveSoftBounces the length of the current run of soft bounces in a row (0 unless
 *     {@link RecipientState#SOFT_BOUNCING})
 * @param suppression why the recipient is suppressed, or null when it is not
 * @param releasedAt when a person last released it, or null
 * @param updatedAt when the state last changed
 */
public record Recipient(EmailAddress address, RecipientState state, int consecutiveSoftBounces,
                        Suppression suppression, Instant releasedAt, Instant updatedAt) {

    /**
     * The event that suppressed a recipient. Kept with the recipient, so it outlives the retention
     * of events: a suppression stays explained until it is released.
     *
     * @param matchedRules the rules that decided the suppressing classification
     */
    public record Suppression(String category, String eventId, Instant at, List<String> matchedRules) {
    }

    public boolean suppressed() {
        return state == RecipientState.SUPPRESSED;
    }
}
