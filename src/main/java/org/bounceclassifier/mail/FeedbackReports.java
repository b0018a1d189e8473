package org.bounceclassifier.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bounceclassifier.engine.BounceInput;

/**
 * RFC 5965 feedback reports (ARF): a mailbox provider telling the sender that a recipient
 * reported a message as spam. The report's machine-readable fields become the diagnostic and the
 * rules in {@code rules/text/complaint.drl} decide the category.
 */
final class FeedbackReports {
    private static final String FEEDBACK_REPORT = "feedback-report";
    private static final Pattern FEEDBACK_TYPE_LINE = Pattern.compile("(?mi)^\\s{0,4}feedback-type:\\s{0,4}[a-z]");
    private static final Pattern FIELD_LINE = Pattern.compile("^\\s{0,4}[A-Za-z][A-Za-z0-9-]{0,40}:\\s");

    private FeedbackReports() {
    }

    static boolean isFeedbackReport(MailView mail) {
        return FEEDBACK_REPORT.equals(mail.reportType()) || !mail.feedbackReports().isEmpty();
    }

    /**
     * A complaint report that is not quite RFC 5965: Microsoft's older JMRP reports (the reported
     * message attached as message/rfc822, the recipient in {@code X-HmXmrOriginalRecipient}), or
     * a provider's "complaint about message from ..." / abuse report notice with the reported
     * message returned, or ARF's fields written in the text instead of a report part.
     */
    static boolean isNearFeedbackReport(MailView mail) {
        if (mail.headers().has("X-HmXmrOriginalRecipient")) {
            return true;
        }
        boolean returned = !mail.originalHeaders().isEmpty();
        String subject = mail.subjectLower();
        return returned && (subject.contains("complaint about message") || subject.contains("abuse report")
                || subject.contains("spam report") || subject.contains("feedback loop"))
                || mail.textLower().contains("original-rcpt-to:") && FEEDBACK_TYPE_LINE.matcher(mail.text()).find();
    }

    /** A near-ARF report: the recipient from the provider's header, the text's fields, or the returned message. */
    static ParsedMessage parseNear(MailView mail) {
        Headers fields = HeaderReader.read(fieldLines(mail.text()));
        List<String> evidence = new ArrayList<>();
        if (!mail.subject().isBlank()) {
            evidence.add("Subject: " + mail.subject());
        }
        for (String name : List.of("Feedback-Type", "User-Agent", "Reported-Domain", "Source-IP")) {
            String value = fields.first(name);
            if (value != null) {
                evidence.add(name + ": " + value);
            }
        }
        if (mail.headers().has("X-HmXmrOriginalRecipient")) {
            evidence.add("Microsoft Junk Mail Reporting Program (JMRP)");
        }
        List<String> recipients = new ArrayList<>(mail.headers().addresses("X-HmXmrOriginalRecipient"));
        for (String rcpt : fields.all("Original-Rcpt-To")) {
            String address = DeliveryStatusReader.address(rcpt);
            if (address != null && !recipients.contains(address)) {
                recipients.add(address);
            }
        }
        if (recipients.isEmpty()) {
            recipients.addAll(mail.originalHeaders().addresses("To"));
        }
        if (recipients.isEmpty()) {
            recipients.add(null);
        }
        String sender = mail.originalHeaders().address("From");
        String diagnostic = String.join("\n", evidence);
        List<FailedRecipient> out = new ArrayList<>();
        for (String recipient : recipients) {
            out.add(new FailedRecipient(new BounceInput(null, null, diagnostic, recipient, sender, null, null, 0),
                    null));
        }
        return new ParsedMessage(MessageKind.FEEDBACK_REPORT, null, out);
    }

    /** The lines of the text in "Name: value" form, as one header block. */
    private static String fieldLines(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (FIELD_LINE.matcher(line).find()) {
                out.append(line.strip()).append("\r\n");
            }
        }
        return out.toString();
    }

    /**
     * One result per reported recipient: the report's Original-Rcpt-To, else the To of the
     * returned message, else one result without an address.
     */
    static ParsedMessage parse(MailView mail) {
        Headers report = mail.feedbackReports().isEmpty() ? Headers.EMPTY
                : HeaderReader.read(mail.feedbackReports().get(0));
        List<String> evidence = new ArrayList<>();
        if (FEEDBACK_REPORT.equals(mail.reportType())) {
            evidence.add("Content-Type: multipart/report; report-type=" + FEEDBACK_REPORT);
        }
        for (String name : List.of("Feedback-Type", "User-Agent", "Reported-Domain", "Source-IP")) {
            String value = report.first(name);
            if (value != null) {
                evidence.add(name + ": " + value);
            }
        }
        String diagnostic = String.join("\n", evidence);
        String sender = DeliveryStatusReader.address(report.first("Original-Mail-From"));
        String reportingMta = DeliveryStatusReader.host(report.first("Reporting-MTA"));

        List<String> recipients = new ArrayList<>();
        for (String rcpt : report.all("Original-Rcpt-To")) {
            String address = DeliveryStatusReader.address(rcpt);
            if (address != null && !recipients.contains(address)) {
                recipients.add(address);
            }
        }
        if (recipients.isEmpty()) {
            recipients.addAll(mail.originalHeaders().addresses("To"));
        }
        if (recipients.isEmpty()) {
            recipients.add(null);
        }
        List<FailedRecipient> out = new ArrayList<>();
        for (String recipient : recipients) {
            out.add(new FailedRecipient(new BounceInput(null, null, diagnostic, recipient, sender, null, null, 0),
                    reportingMta));
        }
        return new ParsedMessage(MessageKind.FEEDBACK_REPORT, null, out);
    }
}
