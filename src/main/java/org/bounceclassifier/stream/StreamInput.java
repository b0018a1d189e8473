package org.bounceclassifier.stream;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What the records of the in topic hold. */
public enum StreamInput {
    /** One bounce event as {@code POST /v1/bounces} takes it (JSON with a recipient). */
    JSON,
    /** One raw bounce e-mail, headers included, as the return path received it. */
    MESSAGE,
    /** One line of an MTA's log, in the format named by {@code --format}. */
    LOG;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<StreamInput> fromId(String id) {
        return Arrays.stream(values()).filter(i -> i.id().equals(id)).findFirst();
    }
}
