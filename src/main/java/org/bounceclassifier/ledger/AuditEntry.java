package org.bounceclassifier.ledger;

import java.time.Instant;

/**
 * A change a person made to the ledger, kept for good (retention never purges the audit trail).
 *
 * @param action what was done; {@link #RELEASE} is the one change people make today
 * @param actor who did it, as the caller named itself (the admin token is one shared identity)
 * @param reason why, as the person wrote it
 * @param category the category of the suppression that was lifted
 * @param eventId the event that had caused that suppression
 */
public record AuditEntry(String address, String action, String actor, String reason, Instant at,
                         String category, String eventId) {
    public static final String RELEASE = "release";
}
