package org.bounceclassifier.mail.layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sendmail's "Transcript of session follows" section, split per recipient.
 *
 * <p>One transcript can hold several SMTP sessions ("While talking to host:"), each with our
 * commands ({@code >>>}), the remote server's replies ({@code <<<}), and Sendmail's own line per
 * recipient ({@code 550 <taro@example.jp>... User unknown}) or per domain
 * ({@code 421 example.jp (smtp)... Deferred: ...}). A reply belongs to the recipient our
 * {@code RCPT TO} named, else to the first recipient line after it in the same session: the
 * recipients after it failed for their own reasons (a lookup of their domain, a dropped
 * connection), and giving them another recipient's reply would give them its cause.
 */
final class Transcript {
    private static final String SECTION = "----- transcript of";
    private static final Pattern TALKING = Pattern.compile("while talking to\\s+\\S+", Pattern.CASE_INSENSITIVE);
    private static final Pattern RCPT = Pattern.compile("^>>>\\s*rcpt\\s+to:\\s*<?([^<>\\s]{1,254}@[^<>\\s]{1,254}?)>?(?:\\s|$)",
            Pattern.CASE_INSENSITIVE);
    /** Sendmail's line about one recipient, with or without a reply code before it. */
    private static final Pattern RECIPIENT_LINE = Pattern.compile(
            "^(?:[245][0-9]{2}(?:[ -][245]\\.[0-9]{1,3}\\.[0-9]{1,3})?\\s{1,4})?<?([^<>\\s]{1,254}@[^<>\\s]{1,254}?)>?\\.\\.\\.\\s*(.*)$");
    /** Sendmail's line about a whole domain: {@code 550 example.jp (smtp)... Host unknown}. */
    private static final Pattern DOMAIN_LINE = Pattern.compile(
            "^[245][0-9]{2}\\s{1,4}([A-Za-z0-9][A-Za-z0-9.-]{0,252})\\.?\\s{0,4}\\([a-z0-9-]{1,20}\\)\\.\\.\\.\\s*(.*)$",
            Pattern.CASE_INSENSITIVE);

    private final Map<String, StringBuilder> byRecipient;
    private final Map<String, StringBuilder> byDomain;
    private final StringBuilder general;

    private Transcript(Map<String, StringBuilder> byRecipient, Map<String, StringBuilder> byDomain,
                       StringBuilder general) {
        this.byRecipient = byRecipient;
        this.byDomain = byDomain;
        this.general = general;
    }

    static Transcript read(List<String> lines) {
        Map<String, StringBuilder> byRecipient = new LinkedHashMap<>();
        Map<String, StringBuilder> byDomain = new LinkedHashMap<>();
        StringBuilder general = new StringBuilder();
        int start = TextScan.indexOfLine(lines, 0, SECTION);
        if (start >= 0) {
            StringBuilder reply = new StringBuilder();
            boolean claimed = false;
            String named = null;
            for (int i = start + 1; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith("-----")) {
                    break;
                }
                Matcher m;
                if (line.isEmpty()) {
                    continue;
                } else if (TALKING.matcher(line).find()) {
                    giveToNamed(byRecipient, reply, claimed, named);
                    reply.setLength(0);
                    claimed = false;
                    named = null;
                } else if ((m = RCPT.matcher(line)).find()) {
                    giveToNamed(byRecipient, reply, claimed, named);
                    reply.setLength(0);
                    claimed = false;
                    named = m.group(1).toLowerCase(Locale.ROOT);
                } else if (line.startsWith(">>>")) {
                    continue;
                } else if (line.startsWith("<<<")) {
                    if (claimed) {
                        reply.setLength(0);
                        claimed = false;
                    }
                    reply.append(' ').append(line.substring(3).strip());
                } else if ((m = RECIPIENT_LINE.matcher(line)).matches()) {
                    String address = m.group(1).toLowerCase(Locale.ROOT);
                    StringBuilder own = byRecipient.computeIfAbsent(address, a -> new StringBuilder());
                    if (!reply.isEmpty() && (!claimed || address.equals(named))) {
                        own.append(' ').append(reply);
                        claimed = true;
                    }
                    own.append(' ').append(line);
                } else if ((m = DOMAIN_LINE.matcher(line)).matches()) {
                    byDomain.computeIfAbsent(m.group(1).toLowerCase(Locale.ROOT), d -> new StringBuilder())
                            .append(' ').append(line);
                } else {
                    general.append(' ').append(line);
                }
            }
            giveToNamed(byRecipient, reply, claimed, named);
        }
        return new Transcript(byRecipient, byDomain, general);
    }

    /** A reply no recipient line took is about the recipient our RCPT TO named (when there was one). */
    private static void giveToNamed(Map<String, StringBuilder> byRecipient, StringBuilder reply, boolean claimed,
                                    String named) {
        if (!reply.isEmpty() && !claimed && named != null) {
            byRecipient.computeIfAbsent(named, a -> new StringBuilder()).append(' ').append(reply);
        }
    }

    /** The recipients with lines of their own, in order. */
    List<String> recipients() {
        return new ArrayList<>(byRecipient.keySet());
    }

    /**
     * What the transcript says about the recipient: its own lines (with the reply that concerns
     * it), else the lines about its domain, else the lines about no one in particular ("Message
     * could not be delivered for 5 days"): those tell the outcome, and a recipient's own lines
     * tell the cause, which says more; "" when there is no transcript.
     */
    String about(String recipient) {
        StringBuilder own = byRecipient.get(recipient);
        if (own != null) {
            return TextScan.oneLine(own.toString());
        }
        String domain = aboutDomainOf(recipient);
        return TextScan.oneLine(domain != null ? domain : general.toString());
    }

    /** The lines about the recipient's domain (or a parent domain of it), or null. */
    String aboutDomainOf(String recipient) {
        String domain = TextScan.domainOf(recipient);
        for (Map.Entry<String, StringBuilder> e : byDomain.entrySet()) {
            if (TextScan.inDomains(domain, List.of(e.getKey()))) {
                return e.getValue().toString();
            }
        }
        return null;
    }
}
