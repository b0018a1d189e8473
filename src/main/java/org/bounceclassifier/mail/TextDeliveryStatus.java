package org.bounceclassifier.mail;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delivery-status fields written in a notice's text instead of a {@code message/delivery-status}
 * part: Amazon WorkMail puts them under "Technical report:", PMDF after its prose, and a report
 * whose MIME boundaries are broken arrives as one text part with the fields inside it. The fields
 * are the same evidence as in a real report, so they are read the same way
 * ({@link DeliveryStatusReader}).
 */
final class TextDeliveryStatus {
    /** The RFC 3464 fields (and the X- extensions MTAs add) that may start a line of such a block. */
    private static final Set<String> FIELDS = Set.of("reporting-mta", "received-from-mta", "arrival-date",
            "original-envelope-id", "dsn-gateway", "final-recipient", "original-recipient", "action", "status",
            "remote-mta", "diagnostic-code", "last-attempt-date", "will-retry-until", "final-log-id");
    private static final Pattern FIELD = Pattern.compile("^([A-Za-z][A-Za-z0-9-]{0,60})\\s{0,4}:");

    private TextDeliveryStatus() {
    }

    /** The text without its delivery-status field lines: the notice's own words, for the layouts to read. */
    static String without(String text) {
        StringBuilder out = new StringBuilder();
        boolean inField = false;
        for (String line : text.split("\n", -1)) {
            Matcher m = FIELD.matcher(line);
            String name = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
            if (name != null && (FIELDS.contains(name) || name.startsWith("x-") && inField)) {
                inField = true;
            } else if (inField && !line.isBlank() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                continue;
            } else {
                inField = false;
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The field lines of the text, blocks separated by blank lines as in a delivery-status body;
     * null unless they name a recipient and say something about it (Action, Status or
     * Diagnostic-Code).
     */
    static String extract(String text) {
        if (text == null || !text.toLowerCase(Locale.ROOT).contains("recipient:")) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        boolean inField = false;
        boolean recipient = false;
        boolean about = false;
        for (String line : text.split("\n", -1)) {
            Matcher m = FIELD.matcher(line);
            String name = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
            if (name != null && FIELDS.contains(name)) {
                out.append(line).append('\n');
                inField = true;
                recipient |= name.endsWith("-recipient");
                about |= name.equals("action") || name.equals("status") || name.equals("diagnostic-code");
            } else if (inField && !line.isBlank() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                out.append(line).append('\n');
            } else {
                if (inField) {
                    out.append('\n');
                }
                inField = false;
            }
        }
        return recipient && about ? out.toString() : null;
    }
}
