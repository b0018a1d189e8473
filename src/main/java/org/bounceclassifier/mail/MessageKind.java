package org.bounceclassifier.mail;

import java.util.Locale;

/** What a raw message is (API.md, {@code messageKind}). */
public enum MessageKind {
    /** An RFC 3464 delivery status notification (or its RFC 6533 internationalized form). */
    DSN,
    /** A bounce in a layout of its own, read from its text (Exim, qmail, carriers, ...). */
    NON_STANDARD_BOUNCE,
    /** An RFC 3834 automatic answer: out of office, vacation, autoresponder. */
    AUTO_REPLY,
    /** An RFC 5965 feedback report: a recipient complained. */
    FEEDBACK_REPORT,
    /** Anything else: nothing to classify. */
    NOT_A_BOUNCE;

    /** The id on the wire, e.g. {@code non_standard_bounce}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
