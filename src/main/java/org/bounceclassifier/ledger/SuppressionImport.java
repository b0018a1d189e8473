package org.bounceclassifier.ledger;

import java.time.Instant;

/** An existing suppression list brought into the ledger ({@code POST /v1/suppressions/import}). */
public final class SuppressionImport {
    /** The category of a suppression that came in with a list and named none. */
    public static final String IMPORTED = "imported";
    /** The category of a suppression made by hand that named none. */
    public static final String MANUAL = "manual";
    /** Rows per batched statement: one round trip per this many rows. */
    static final int BATCH_ROWS = 1_000;

    private SuppressionImport() {
    }

    /**
     * One row of a list.
     *
     * @param suppressedAt when the other system suppressed it, or null for now
     * @param category a category id, or null for {@link #IMPORTED}
     */
    public record Row(EmailAddress address, String reason, Instant suppressedAt, String category) {
    }

    /**
     * What an import did.
     *
     * @param rows the rows in the list
     * @param suppressed the addresses it suppressed (each with an audit entry)
     * @param alreadySuppressed rows whose address was suppressed already (by the ledger, an earlier
     *     import, or an earlier row of the same list): left as they were, which makes an import idempotent
     */
    public record Result(long rows, long suppressed, long alreadySuppressed) {
    }
}
