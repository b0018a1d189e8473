package org.bounceclassifier.ledger;

import java.util.Locale;

/**
 * A recipient address as the ledger keys it: the local part exactly as written (RFC 5321 lets a
 * receiver tell {@code Taro} from {@code taro}), the domain in lower case (domains never differ by
 * case), so {@code Taro@Example.JP} and {@code Taro@example.jp} are one recipient.
 *
 * @param value the normalized address, {@code local@domain}
 * @param domain the domain part, lower case
 */
public record EmailAddress(String value, String domain) {
    /** RFC 5321, section 4.5.3.1.3: a path is at most 256 octets, so an address at most 254. */
    public static final int MAX_LENGTH = 254;

    /**
     * Reads an address as callers write it: surrounding blanks and one pair of angle brackets are
     * dropped, a trailing dot on the domain too.
     *
     * @throws IllegalArgumentException with a message that says what is wrong
     */
    /** The address, or null when {@code raw} is missing or not an address. */
    public static EmailAddress tryParse(String raw) {
        try {
            return raw == null ? null : parse(raw);
        } catch (IllegalArgumentException notAnAddress) {
            return null;
        }
    }

    public static EmailAddress parse(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("an address is required");
        }
        String s = raw.strip();
        if (s.length() >= 2 && s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        // the last '@' separates the domain: a quoted local part may itself contain '@'
        int at = s.lastIndexOf('@');
        if (at <= 0 || at == s.length() - 1) {
            throw new IllegalArgumentException("\"" + abbreviate(raw) + "\" is not an e-mail address (local@domain)");
        }
        String local = s.substring(0, at);
        String domain = s.substring(at + 1).toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.isEmpty() || s.length() > MAX_LENGTH || hasBlankOrControl(domain)
                || (hasBlankOrControl(local) && !local.startsWith("\""))) {
            throw new IllegalArgumentException("\"" + abbreviate(raw) + "\" is not an e-mail address (local@domain,"
                    + " at most " + MAX_LENGTH + " characters, no spaces)");
        }
        return new EmailAddress(local + "@" + domain, domain);
    }

    private static boolean hasBlankOrControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String s) {
        final int shown = 60;
        return s.length() <= shown ? s : s.substring(0, shown) + "...";
    }

    @Override
    public String toString() {
        return value;
    }
}
