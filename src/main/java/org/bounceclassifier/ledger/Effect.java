package org.bounceclassifier.ledger;

import java.util.Locale;

/** What one recorded event did to its recipient. */
public enum Effect {
    /** The recipient is now suppressed. */
    SUPPRESSED,
    /** The run of soft bounces in a row grew by one. */
    COUNTED,
    /** A delivery ended the run of soft bounces (or followed a release): the recipient is active. */
    RESET,
    /**
     * Nothing changed: an auto reply, a delay, a refusal of the sender, a retry of a send already
     * counted in the run (same message id), or a recipient already suppressed.
     */
    UNCHANGED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Effect fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
