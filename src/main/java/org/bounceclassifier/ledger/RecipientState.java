package org.bounceclassifier.ledger;

import java.util.Locale;

/** Where a recipient stands (API.md, "Ledger"). */
public enum RecipientState {
    /** Mail may be sent; no soft bounce since the last delivery, suppression or release. */
    ACTIVE,
    /** Soft bounces in a row are being counted; mail may still be sent. */
    SOFT_BOUNCING,
    /** Do not send: a bounce the rules answered with {@code suppress}. Kept until a person releases it. */
    SUPPRESSED,
    /** A person lifted a suppression (the audit trail says who and why); mail may be sent again. */
    RELEASED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecipientState fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
