package org.bounceclassifier.engine;

import java.util.Locale;

/** Whether a failure is permanent (stop sending), temporary (retry) or not a failure at all. */
public enum BounceType {
    HARD, SOFT, NONE;

    /** The wire form used in JSON and rule cases: {@code hard}, {@code soft}, {@code none}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BounceType fromId(String id) {
        for (BounceType t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown bounce type '" + id + "' (expected hard, soft or none)");
    }
}
