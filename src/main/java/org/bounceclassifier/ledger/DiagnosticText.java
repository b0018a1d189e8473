package org.bounceclassifier.ledger;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Locale;

/**
 * The receiver's text as the ledger keeps it: what a person needs when a customer disputes a
 * suppression ("550 5.1.1 <t***@example.jp>: user unknown"), without other people's addresses.
 * The recipient's own address stays (the row is keyed by it anyway); another address at the
 * recipient's domain keeps its first character and the domain; an address elsewhere (a forwarding
 * target, a postmaster) keeps only its first character. Bounded in length.
 */
public final class DiagnosticText {
    /** Enough for any SMTP reply and the lines around it; a 16 KB notice is not kept whole. */
    public static final int MAX_CHARS = 2_000;
    /** The same generous address pattern as the unknown-text sampler's: masking too much is harmless. */
    private static final Pattern ADDRESS = Pattern.compile(
            "([\\p{L}\\p{N}._%+\\-!#$&'*/=?^`{|}~]+)@([\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)*)");

    private DiagnosticText() {
    }

    /** The text to keep for an event of {@code recipient}, or null when there is none. */
    public static String kept(String text, EmailAddress recipient) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String bounded = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "…" : text;
        Matcher m = ADDRESS.matcher(bounded);
        StringBuilder out = new StringBuilder(bounded.length());
        while (m.find()) {
            EmailAddress found = EmailAddress.tryParse(m.group());
            String shown;
            if (found != null && found.value().toLowerCase(Locale.ROOT)
                    .equals(recipient.value().toLowerCase(Locale.ROOT))) {
                shown = m.group();
            } else {
                String first = new String(Character.toChars(m.group(1).codePointAt(0)));
                boolean sameDomain = found != null && found.domain().equals(recipient.domain());
                shown = first + "***@" + (sameDomain ? m.group(2) : "***");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        m.appendTail(out);
        return out.toString();
    }
}
