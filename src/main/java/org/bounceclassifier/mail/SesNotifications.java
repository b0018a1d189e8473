package org.bounceclassifier.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bounceclassifier.engine.BounceInput;

/**
 * Amazon SES notifications (Bounce, Complaint, Delivery) that arrive as e-mail: SES sends them to
 * an address, or through an SNS topic whose e-mail subscription wraps the SES JSON, escaped, in the
 * SNS envelope's "Message" string.
 *
 * <p>The JSON is read with a few bounded patterns rather than a parser: mail transport mangles
 * it (quoted-printable soft breaks, Sendmail's "!" line splits inside strings, the SNS escaping),
 * and only a handful of fields are evidence. What each field says goes to the rules as it is: the
 * SES {@code diagnosticCode} and {@code status} of a bounced recipient, the ARF
 * {@code complaintFeedbackType} of a complaint, and a delivery as DSN action "delivered".
 */
final class SesNotifications {
    private static final Pattern TYPE = Pattern.compile("\"(?:notificationType|eventType)\"\\s{0,4}:\\s{0,4}\"(Bounce|Complaint|Delivery)\"");
    private static final Pattern OBJECT = Pattern.compile("\\{[^{}]{0,4000}\\}");
    private static final Pattern ARRAY_OF_STRINGS = Pattern.compile("\"recipients\"\\s{0,4}:\\s{0,4}\\[([^\\]]{0,20000})\\]");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]{1,1000})\"");
    private static final int MAX_RECIPIENTS = 50;

    private SesNotifications() {
    }

    /** Whether the text is (or carries) an SES notification. */
    static boolean isNotification(MailView mail) {
        String lower = mail.textLower();
        return (lower.contains("notificationtype") || lower.contains("eventtype")) && TYPE.matcher(json(mail.text())).find();
    }

    static ParsedMessage parse(MailView mail) {
        String json = json(mail.text());
        Matcher type = TYPE.matcher(json);
        type.find();
        String kind = type.group(1);
        String sender = field(json, "source");
        String reportingMta = withoutType(field(json, "reportingMTA"));
        List<FailedRecipient> out = new ArrayList<>();
        switch (kind) {
            case "Bounce" -> {
                String bounceType = field(json, "bounceType");
                String subType = field(json, "bounceSubType");
                for (String recipient : objectsIn(json, "bouncedRecipients")) {
                    String address = lower(field(recipient, "emailAddress"));
                    String diagnostic = withoutType(field(recipient, "diagnosticCode"));
                    if (diagnostic == null) {
                        diagnostic = "Amazon SES bounce: bounceType " + bounceType + ", bounceSubType " + subType;
                    }
                    // the status only when it is one: mangled mail can leave anything in the field
                    out.add(new FailedRecipient(new BounceInput(null, DeliveryStatusReader.status(field(recipient, "status")),
                            diagnostic, address,
                            sender, null, lower(field(recipient, "action")), 0), reportingMta));
                }
            }
            case "Complaint" -> {
                String feedbackType = field(json, "complaintFeedbackType");
                String evidence = "Amazon SES complaint notification"
                        + (feedbackType == null ? "" : "\nFeedback-Type: " + feedbackType)
                        + "\nUser-Agent: " + (field(json, "userAgent") == null ? "Amazon SES" : field(json, "userAgent"));
                for (String recipient : objectsIn(json, "complainedRecipients")) {
                    out.add(new FailedRecipient(new BounceInput(null, null, evidence,
                            lower(field(recipient, "emailAddress")), sender, null, null, 0), reportingMta));
                }
                return new ParsedMessage(MessageKind.FEEDBACK_REPORT, null, out);
            }
            default -> {
                String response = field(json, "smtpResponse");
                Matcher list = ARRAY_OF_STRINGS.matcher(json);
                if (list.find()) {
                    Matcher q = QUOTED.matcher(list.group(1));
                    while (q.find() && out.size() < MAX_RECIPIENTS) {
                        out.add(new FailedRecipient(new BounceInput(null, null, response, lower(q.group(1)), sender,
                                field(json, "remoteMtaIp"), "delivered", 0), reportingMta));
                    }
                }
            }
        }
        return new ParsedMessage(MessageKind.NON_STANDARD_BOUNCE, "amazonses", out);
    }

    /**
     * The notification's JSON as plain text: the SNS envelope's escaping undone and the line
     * splits that transport put inside long strings ("!" and a newline and a space) removed.
     */
    private static String json(String text) {
        return text.replace("!\n ", "").replace("\\\"", "\"").replace("\\/", "/").replace("\\n", " ");
    }

    /** The string value of the first field of that name, or null. */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s{0,4}:\\s{0,4}\"([^\"]{0,4000})\"").matcher(json);
        return m.find() ? m.group(1).strip() : null;
    }

    /** The objects of the named array: {@code "bouncedRecipients":[{...},{...}]}. */
    private static List<String> objectsIn(String json, String arrayName) {
        List<String> out = new ArrayList<>();
        int at = json.indexOf("\"" + arrayName + "\"");
        if (at < 0) {
            return out;
        }
        int end = json.indexOf(']', at);
        Matcher m = OBJECT.matcher(json.substring(at, end < 0 ? json.length() : end));
        while (m.find() && out.size() < MAX_RECIPIENTS) {
            out.add(m.group());
        }
        return out;
    }

    private static String withoutType(String value) {
        return value == null ? null : DeliveryStatusReader.withoutType(value);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
