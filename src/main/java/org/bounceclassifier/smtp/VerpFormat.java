package org.bounceclassifier.smtp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bounceclassifier.ledger.EmailAddress;

/**
 * How a bounce address encodes the original recipient (VERP): a template of the local part with
 * {@code {local}} and {@code {domain}} in it, such as {@code bounces+{local}={domain}}, so that
 * {@code bounces+taro=example.jp@bounce.example.com} names {@code taro@example.jp} even when the
 * notice sent back to it names no recipient at all.
 */
public final class VerpFormat {
    /** The usual form (Postfix, qmail and most mailing-list software write it so). */
    public static final String DEFAULT = "bounces+{local}={domain}@";
    /** A domain as it can stand in a local part: labels of letters, digits and hyphens. */
    private static final String DOMAIN = "(?<domain>[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)";

    private final String template;
    private final Pattern pattern;

    private VerpFormat(String template, Pattern pattern) {
        this.template = template;
        this.pattern = pattern;
    }

    /**
     * @param template the local part with {@code {local}} and {@code {domain}} once each; a
     *     trailing {@code @} (as in {@code bounces+{local}={domain}@}) may be written or left out
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static VerpFormat parse(String template) {
        String t = template == null ? "" : template.strip();
        if (t.endsWith("@")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.indexOf('@') >= 0) {
            throw new IllegalArgumentException("the VERP format is the local part only, e.g. " + DEFAULT
                    + " (the bounce domains are given with --bounce-domain): " + template);
        }
        if (count(t, "{local}") != 1 || count(t, "{domain}") != 1) {
            throw new IllegalArgumentException("the VERP format must hold {local} and {domain} once each, e.g. "
                    + DEFAULT + ": " + template);
        }
        int local = t.indexOf("{local}");
        int domain = t.indexOf("{domain}");
        String first = local < domain ? "{local}" : "{domain}";
        String second = local < domain ? "{domain}" : "{local}";
        int a = t.indexOf(first);
        int b = t.indexOf(second);
        if (b == a + first.length()) {
            throw new IllegalArgumentException("the VERP format needs a separator between {local} and {domain}, "
                    + "e.g. " + DEFAULT + ": " + template);
        }
        String regex = Pattern.quote(t.substring(0, a)) + group(first) + Pattern.quote(t.substring(a + first.length(), b))
                + group(second) + Pattern.quote(t.substring(b + second.length()));
        return new VerpFormat(t + "@", Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }

    /** The original recipient {@code bounceAddress} encodes, or null when it encodes none. */
    public EmailAddress decode(String bounceAddress) {
        if (bounceAddress == null) {
            return null;
        }
        int at = bounceAddress.lastIndexOf('@');
        String local = at < 0 ? bounceAddress : bounceAddress.substring(0, at);
        Matcher m = pattern.matcher(local);
        if (!m.matches()) {
            return null;
        }
        return EmailAddress.tryParse(m.group("local") + "@" + m.group("domain"));
    }

    @Override
    public String toString() {
        return template;
    }

    private static String group(String placeholder) {
        return placeholder.equals("{local}") ? "(?<local>.+)" : DOMAIN;
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
