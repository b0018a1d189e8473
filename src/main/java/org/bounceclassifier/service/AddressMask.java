package org.bounceclassifier.service;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * Hides the people in diagnostic texts before the service keeps or shows them: every e-mail
 * address keeps its first character and its domain ({@code taro@example.jp} becomes
 * {@code t***@example.jp}), enough for a rule writer to see the wording and the receiver.
 */
final class AddressMask {
    /**
     * A local part and a domain of one or more labels. Generous on purpose (any letter or digit,
     * the RFC 5322 atom symbols): masking too much is harmless, leaking an address is not. RE2/J
     * matches in linear time, whatever the text.
     */
    private static final Pattern ADDRESS = Pattern.compile(
            "([\\p{L}\\p{N}._%+\\-!#$&'*/=?^`{|}~]+)@([\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)*)");
    private static final String HIDDEN = "***";
    /** What an address becomes in a grouping key: texts that differ only in the address are one wording. */
    static final String ANY_ADDRESS = "<address>";

    private AddressMask() {
    }

    /** The text with every address masked as {@code t***@example.jp}. */
    static String mask(String text) {
        Matcher m = ADDRESS.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String local = m.group(1);
            int first = local.codePointAt(0);
            m.appendReplacement(out, Matcher.quoteReplacement(
                    new String(Character.toChars(first)) + HIDDEN + "@" + m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The text with every address's local part hidden whole ({@code ***@example.jp}): what the
     * traffic sample keeps, so texts that differ only in the person are one input, and the domain
     * (which rules may read) stays.
     */
    static String hideLocalParts(String text) {
        return ADDRESS.matcher(text).replaceAll(HIDDEN + "@$2");
    }

    /** The text with every address replaced by {@link #ANY_ADDRESS}. */
    static String replaceAll(String text) {
        return ADDRESS.matcher(text).replaceAll(Matcher.quoteReplacement(ANY_ADDRESS));
    }
}
