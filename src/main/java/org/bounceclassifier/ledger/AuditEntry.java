package org.bounceclassifier.ledger;

import java.time.Instant;

/**
 * A change a person made to the ledger, kept for good (retention never purges the audit trail).
 *
 * @param action what was done: {@link #RELEASE}, {@link #SUPPRESS}, {@link #IMPORT}, {@link #RESET},
 *     {@link #MERGE} (a schema migration merged spellings of one address), {@link #REEVALUATE}
 * @param actor who did it, as the caller named itself (the admin token is one shared identity)
 * @param reason why, as the person wrote it
 * @param category the category of the suppression that was lifted
 * @param eventId the event that had caused that suppression
 */
public record AuditEntry(String address, String action, String actor, String reason, Instant at,
                         String category, String eventId) {
    public static final String RELEASE = "release";
    /** A person suppressed the address by hand. */
    public static final String SUPPRESS = "suppress";
    /** The address came in with an imported suppression list. */
    public static final String IMPORT = "import";
    /** A person ended the address's run of soft bounces. */
    public static final String RESET = "reset";
    public static final String MERGE = "merge";
    /** A re-evaluation under new rules changed the address's state. */
    public static final String REEVALUATE = "reevaluate";
}
