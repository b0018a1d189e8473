package org.bounceclassifier.ledger;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;

/**
 * A recipient address in one spelling: the local part in Unicode NFC as written (the ledger lowers
 * its case too, unless told not to: {@link #inCase}), the domain as its IDNA A-label in lower case
 * (after NFC), so {@code Taro@Example.JP.}, {@code Taro@例え.jp} and {@code Taro@xn--r8jz45g.jp}
 * each have one spelling and the last two are the same.
 *
 * @param value the normalized address, {@code local@domain}
 * @param domain the domain part: ASCII, lower case, internationalized labels as {@code xn--} A-labels
 */
public record EmailAddress(String value, String domain) {
    /** RFC 5321, section 4.5.3.1.3: a path is at most 256 octets, so an address at most 254. */
    public static final int MAX_LENGTH = 254;

    /** The address, or null when {@code raw} is missing or not an address. */
    public static EmailAddress tryParse(String raw) {
        try {
            return raw == null ? null : parse(raw);
        } catch (IllegalArgumentException notAnAddress) {
            return null;
        }
    }

    /**
     * Reads an address as callers write it: surrounding blanks and one pair of angle brackets are
     * dropped, a trailing dot on the domain too.
     *
     * @throws IllegalArgumentException with a message that says what is wrong
     */
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
        String local = Normalizer.normalize(s.substring(0, at), Normalizer.Form.NFC);
        String domain = Normalizer.normalize(s.substring(at + 1), Normalizer.Form.NFC);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.isEmpty() || s.length() > MAX_LENGTH || hasBlankOrControl(domain)
                || (hasBlankOrControl(local) && !local.startsWith("\""))) {
            throw notAnAddress(raw);
        }
        String ascii = aLabels(domain);
        if (ascii == null || local.length() + 1 + ascii.length() > MAX_LENGTH) {
            throw notAnAddress(raw);
        }
        return new EmailAddress(local + "@" + ascii, ascii);
    }

    /**
     * The domain as the DNS knows it: each internationalized label as its A-label ({@code 例え} is
     * {@code xn--r8jz45g}), all in lower case; null when it cannot be one (an empty or too long label).
     */
    private static String aLabels(String domain) {
        if (domain.startsWith("[")) {
            // an address literal, [192.0.2.1]: no labels to convert
            return domain.toLowerCase(Locale.ROOT);
        }
        try {
            return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notADomain) {
            return null;
        }
    }

    private static IllegalArgumentException notAnAddress(String raw) {
        return new IllegalArgumentException("\"" + abbreviate(raw) + "\" is not an e-mail address (local@domain,"
                + " at most " + MAX_LENGTH + " characters, no spaces)");
    }

    /**
     * This address as the ledger keys it: with {@link AddressCase#INSENSITIVE} the local part in lower
     * case, so every spelling of one mailbox is one recipient; with {@link AddressCase#EXACT} as is.
     */
    public EmailAddress inCase(AddressCase addressCase) {
        if (addressCase == AddressCase.EXACT) {
            return this;
        }
        int at = value.lastIndexOf('@');
        String local = value.substring(0, at).toLowerCase(Locale.ROOT);
        return local.equals(value.substring(0, at)) ? this : new EmailAddress(local + "@" + domain, domain);
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
