package org.bounceclassifier.engine;

import java.util.Locale;

/** What the sender should do about a classified bounce (TAXONOMY.md, "action"). */
public enum Action {
    /** Stop sending to this recipient. */
    SUPPRESS,
    /** Retry later; the classification says how soon. */
    RETRY,
    /** The sender must change its own setup (authentication, reputation, relay, content) first. */
    FIX_SENDER,
    /** Ask the recipient through another channel to free space, allow-list the sender or fix their domain. */
    CONTACT_RECIPIENT,
    /** Nothing to do. */
    NONE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Action fromId(String id) {
        for (Action a : values()) {
            if (a.id().equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown action '" + id
                + "' (expected suppress, retry, fix_sender, contact_recipient or none)");
    }
}
