package org.bounceclassifier.engine;

import java.util.Locale;
import java.util.Optional;

/**
 * The stable vocabulary of the service: the category ids of TAXONOMY.md with their default bounce type.
 *
 * <p>The ids are a public contract and never change, so they live in code: a rule that names a
 * category that does not exist here fails to compile, which is how the load gate rejects it. Labels,
 * remediation texts and actions are the rules' business and live in the rules directory.
 */
public enum Category {
    BAD_MAILBOX(BounceType.HARD),
    BAD_DOMAIN(BounceType.HARD),
    INVALID_ADDRESS(BounceType.HARD),
    INACTIVE_MAILBOX(BounceType.HARD),
    MAILBOX_FULL(BounceType.SOFT),
    MESSAGE_TOO_LARGE(BounceType.SOFT),
    SENDER_REJECTED(BounceType.SOFT),
    AUTH_FAILURE(BounceType.SOFT),
    REPUTATION_BLOCK(BounceType.SOFT),
    RELAY_DENIED(BounceType.SOFT),
    RATE_LIMITED(BounceType.SOFT),
    GREYLISTED(BounceType.SOFT),
    SPAM_CONTENT(BounceType.SOFT),
    VIRUS_DETECTED(BounceType.SOFT),
    POLICY(BounceType.SOFT),
    PROTOCOL_ERROR(BounceType.SOFT),
    FORWARDING_ERROR(BounceType.SOFT),
    DNS_TEMPORARY(BounceType.SOFT),
    NETWORK_TEMPORARY(BounceType.SOFT),
    SERVER_UNAVAILABLE(BounceType.SOFT),
    TIMEOUT(BounceType.SOFT),
    EXPIRED(BounceType.SOFT),
    AUTO_REPLY(BounceType.NONE),
    DELAYED(BounceType.NONE),
    COMPLAINT(BounceType.NONE),
    RECIPIENT_FILTER(BounceType.SOFT),
    TLS_REQUIRED(BounceType.SOFT),
    PROVIDER_SUPPRESSED(BounceType.HARD),
    /** Not a failure: a 2xx reply, or a DSN that reports delivered, relayed or expanded. */
    DELIVERED(BounceType.NONE),
    UNKNOWN(BounceType.SOFT);

    private final BounceType defaultType;

    Category(BounceType defaultType) {
        this.defaultType = defaultType;
    }

    /** The id used on the wire and in message files, e.g. {@code bad_mailbox}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public BounceType defaultType() {
        return defaultType;
    }

    public static Optional<Category> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        for (Category c : values()) {
            if (c.id().equals(id)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
