package org.bounceclassifier.ledger;

import java.util.Locale;

/**
 * Whether the ledger tells addresses apart by the case of their local part. Domains never differ
 * by case; local parts may (RFC 5321, section 2.4), but no mailbox provider a sender meets does
 * that, and every sending platform matches its suppression list without case. So the default is
 * {@link #INSENSITIVE}: {@code Taro@example.jp} and {@code taro@example.jp} are one recipient, and a
 * suppression of one is a suppression of the other. {@link #EXACT} is for the rare operator whose
 * receivers do tell them apart.
 */
public enum AddressCase {
    /** The local part is compared in lower case (the default). */
    INSENSITIVE,
    /** The local part is compared exactly as written (RFC 5321). */
    EXACT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the values that are accepted */
    public static AddressCase fromId(String id) {
        for (AddressCase c : values()) {
            if (c.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
                return c;
            }
        }
        throw new IllegalArgumentException("the address case must be insensitive or exact, got \"" + id + "\"");
    }
}
