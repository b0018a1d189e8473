package org.bounceclassifier.mail.layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bounceclassifier.mail.MailView;

/**
 * Sendmail's notices: a section "----- The following addresses had permanent fatal errors -----"
 * (or "transient non-fatal errors" in a delay warning) listing each address with a
 * {@code (reason: ...)} line, and "----- Transcript of session follows -----" with the SMTP
 * dialogue ({@code <<<} lines are the remote server's replies, {@code >>>} lines are ours).
 */
public final class SendmailLayout implements BounceLayout {
    private static final String ADDRESSES_SECTION = "----- the following addresses had";
    private static final String TRANSCRIPT_SECTION = "----- transcript of session follows -----";
    private static final String[] DELAY_MARKERS = {"this is a warning message only", "warning: message still undelivered"};
    /** A line that is only an address: {@code <taro@example.jp>}, maybe with "(expanded from: ...)" after it. */
    private static final Pattern ADDRESS_LINE =
            Pattern.compile("^<?([^<>\\s]{1,254}@[^<>\\s]{1,254}?)>?(?:\\s{0,8}\\(.{0,300}\\))?$");
    /** A transcript line about one address: {@code <taro@example.jp>... Deferred: ...}. */
    private static final Pattern WHILE_TALKING_TO = Pattern.compile("while talking to ([A-Za-z0-9.-]{1,253})");
    private static final Pattern REASON = Pattern.compile("^\\(reason:\\s{0,8}(.*?)\\)?$", Pattern.CASE_INSENSITIVE);

    @Override
    public String name() {
        return "sendmail";
    }

    @Override
    public boolean recognizes(MailView mail) {
        return TextScan.containsAny(mail.textLower(), ADDRESSES_SECTION, TRANSCRIPT_SECTION);
    }

    @Override
    public List<Finding> findings(MailView mail) {
        return read(mail.text());
    }

    /** The failed addresses of a Sendmail-style notice, each with its reason and its transcript lines. */
    static List<Finding> read(String text) {
        List<String> lines = TextScan.lines(text);
        Map<String, StringBuilder> reasons = addressesSection(lines);
        Transcript transcript = Transcript.read(lines);
        if (reasons.isEmpty()) {
            transcript.recipients().forEach(r -> reasons.put(r, new StringBuilder()));
        }
        if (reasons.isEmpty()) {
            // only lines about domains ("421 example.com (smtp)... Deferred"): the recipients are the
            // returned message's, at those domains
            for (String address : TextScan.inlineOriginalRecipients(text)) {
                if (transcript.aboutDomainOf(address) != null) {
                    reasons.put(address, new StringBuilder());
                }
            }
        }
        String remoteMta = null;
        Matcher talking = WHILE_TALKING_TO.matcher(text);
        if (talking.find()) {
            remoteMta = stripDot(talking.group(1)).toLowerCase(Locale.ROOT);
        }
        String lead = null;
        for (String marker : DELAY_MARKERS) {
            lead = lead != null ? lead : TextScan.paragraphContaining(text, marker);
        }
        String otherSections = otherSections(lines);
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, StringBuilder> e : reasons.entrySet()) {
            String own = transcript.about(e.getKey());
            String diagnostic = TextScan.oneLine(own + " " + e.getValue());
            if (diagnostic.isEmpty()) {
                // a section of the notice's own ("----- Non-delivered information -----") explains it
                diagnostic = otherSections;
            }
            out.add(new Finding(e.getKey(), diagnostic, remoteMta).withNotice(lead));
        }
        return out;
    }

    /**
     * The text of the sections that are neither the address list nor the transcript nor the
     * returned message: some Sendmail-based servers explain the failure there.
     */
    private static String otherSections(List<String> lines) {
        StringBuilder out = new StringBuilder();
        boolean inOther = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("-----")) {
                String lower = line.toLowerCase(Locale.ROOT);
                inOther = !lower.contains("the following addresses had") && !lower.contains("transcript of")
                        && !lower.contains("message follows") && !lower.contains("original message")
                        && !lower.contains("copy of");
                continue;
            }
            if (inOther && !line.isEmpty()) {
                out.append(line).append(' ');
            }
        }
        return out.toString().strip();
    }

    private static Map<String, StringBuilder> addressesSection(List<String> lines) {
        Map<String, StringBuilder> reasons = new LinkedHashMap<>();
        int start = TextScan.indexOfLine(lines, 0, ADDRESSES_SECTION);
        if (start < 0) {
            return reasons;
        }
        StringBuilder current = null;
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("-----")) {
                break;
            }
            Matcher address = ADDRESS_LINE.matcher(line);
            if (address.matches() && TextScan.firstAddress(line) != null) {
                current = reasons.computeIfAbsent(address.group(1).toLowerCase(Locale.ROOT), a -> new StringBuilder());
            } else if (current != null && !line.isEmpty()) {
                Matcher reason = REASON.matcher(line);
                current.append(' ').append(reason.matches() ? reason.group(1) : line);
            }
        }
        return reasons;
    }

    private static String stripDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
