package org.bounceclassifier.mail.layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of Microsoft's non-delivery reports, shared by Exchange, Microsoft 365 and Outlook.com:
 * <ul>
 *   <li>the summary for people: "Delivery has failed to these recipients or groups:" (or "is
 *       delayed"), or "Your message to ... couldn't be delivered.", with an explanation;</li>
 *   <li>"Diagnostic information for administrators:": each address, then the remote server's
 *       reply as "Remote Server returned '550 5.1.1 ...'" or "#550 5.1.1 ... ##";</li>
 *   <li>Exchange 2003's "The following recipient(s) cannot be reached:" with
 *       {@code <host #5.1.1 smtp;550 ...>} lines under each address.</li>
 * </ul>
 */
final class MicrosoftNdr {
    static final String[] MARKERS = {"diagnostic information for administrators", "delivery has failed to these recipients",
            "delivery is delayed to these recipients", "couldn't be delivered", "could not be delivered to",
            "the following recipient(s) cannot be reached", "did not reach some or all of the intended recipients"};
    private static final String DIAGNOSTIC_SECTION = "diagnostic information for administrators";
    private static final String[] SECTION_ENDS = {"original message headers", "original message details"};
    private static final String[] SUMMARY_LISTS = {"delivery has failed to these recipients", "delivery is delayed to these recipients",
            "the following recipient(s) cannot be reached", "delivery to the following recipients failed"};
    private static final Pattern YOUR_MESSAGE_TO = Pattern.compile(
            "your message to (\\S{1,254}@\\S{1,254}?) (?:couldn't|couldn’t|could not) be delivered", Pattern.CASE_INSENSITIVE);
    private static final Pattern REMOTE_AT = Pattern.compile("remote server at ([A-Za-z0-9.-]{1,253})", Pattern.CASE_INSENSITIVE);
    /** "mx.example.jp #550 5.1.1 ... ##" or "<mx.example.jp #5.1.1 smtp;550 ...>": the host before '#'. */
    private static final Pattern HOST_HASH = Pattern.compile("<?([A-Za-z0-9][A-Za-z0-9.-]{0,252}\\.[A-Za-z]{2,63})\\s{1,4}#[245]");

    private MicrosoftNdr() {
    }

    static List<Finding> read(String text) {
        String body = TextScan.cutAt(text, SECTION_ENDS);
        Map<String, String> technical = technicalSection(body);
        Map<String, String> summary = summary(body);
        List<String> order = new ArrayList<>(technical.keySet());
        summary.keySet().stream().filter(a -> !order.contains(a)).forEach(order::add);
        List<Finding> out = new ArrayList<>();
        for (String address : order) {
            Finding f = new Finding(address, technical.getOrDefault(address, ""), null).withNotice(summary.get(address));
            out.add(new Finding(address, f.diagnostic(), remoteMta(f.diagnostic())));
        }
        return out;
    }

    /** Address lines and the lines under each, in the administrators' section. */
    private static Map<String, String> technicalSection(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String section = TextScan.after(text, DIAGNOSTIC_SECTION);
        if (section == null) {
            return out;
        }
        collectUnderAddresses(TextScan.lines(section), 0, out, false);
        return out;
    }

    /**
     * The summary for people: the explanation under each listed address, or the sentence of the
     * "Your message to ... couldn't be delivered." shape with the paragraph after it.
     */
    private static Map<String, String> summary(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = TextScan.lines(TextScan.cutAt(text, DIAGNOSTIC_SECTION));
        int list = TextScan.indexOfLine(lines, 0, SUMMARY_LISTS);
        if (list >= 0) {
            String heading = TextScan.oneLine(lines.get(list));
            Map<String, String> under = new LinkedHashMap<>();
            collectUnderAddresses(lines, list + 1, under, true);
            under.forEach((address, explanation) -> out.put(address, TextScan.oneLine(heading + " " + explanation)));
            return out;
        }
        Matcher m = YOUR_MESSAGE_TO.matcher(text);
        if (m.find()) {
            List<String> paragraphs = TextScan.paragraphs(text.substring(m.start()));
            String explanation = paragraphs.stream().limit(2).map(TextScan::oneLine).reduce((a, b) -> a + " " + b).orElse("");
            out.put(m.group(1).replaceAll("^<|>$", "").toLowerCase(Locale.ROOT), explanation);
        }
        return out;
    }

    /**
     * Lines that start with an address (alone, or "addr on 3/3/2025 10:12 AM", or "Name
     * (addr)"), each with the non-blank lines after it up to the next address line. The summary
     * lists also end at the first paragraph that names no address after one that did.
     */
    private static void collectUnderAddresses(List<String> lines, int from, Map<String, String> out, boolean summary) {
        String current = null;
        StringBuilder detail = new StringBuilder();
        for (int i = from; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String address = addressLine(line);
            if (address != null) {
                if (current != null) {
                    out.merge(current, TextScan.oneLine(detail.toString()), (a, b) -> a + " " + b);
                }
                current = address;
                detail.setLength(0);
            } else if (current != null && !line.isEmpty()) {
                if (summary && line.toLowerCase(Locale.ROOT).startsWith("diagnostic information")) {
                    break;
                }
                detail.append(' ').append(line);
            } else if (current != null && summary && !detail.isEmpty()) {
                break;
            }
        }
        if (current != null) {
            out.merge(current, TextScan.oneLine(detail.toString()), (a, b) -> a + " " + b);
        }
    }

    /** The address when the line is about one recipient: it starts with it or names it in parentheses. */
    private static String addressLine(String line) {
        if (line.isEmpty() || line.length() > 300) {
            return null;
        }
        String address = TextScan.firstAddress(line);
        if (address == null) {
            return null;
        }
        String lower = line.toLowerCase(Locale.ROOT).replace("'", "").replace("<", "").replace(">", "");
        boolean alone = lower.equals(address) || lower.startsWith(address + " on ") || lower.startsWith(address + " (");
        boolean named = lower.endsWith("(" + address + ")") && !lower.contains(" returned ");
        return alone || named ? address : null;
    }

    private static String remoteMta(String diagnostic) {
        Matcher at = REMOTE_AT.matcher(diagnostic);
        if (at.find()) {
            return at.group(1).toLowerCase(Locale.ROOT);
        }
        Matcher hash = HOST_HASH.matcher(diagnostic);
        return hash.find() ? hash.group(1).toLowerCase(Locale.ROOT) : null;
    }
}
