package org.bounceclassifier.mail;

import java.util.ArrayList;
import java.util.List;
import org.bounceclassifier.engine.BounceInput;

/**
 * RFC 5965 feedback reports (ARF): a mailbox provider telling the sender that a recipient
 * reported a message as spam. The report's machine-readable fields become the diagnostic and the
 * rules in {@code rules/text/complaint.drl} decide the category.
 */
final class FeedbackReports {
    private static final String FEEDBACK_REPORT = "feedback-report";

    private FeedbackReports() {
    }

    static boolean isFeedbackReport(MailView mail) {
        return FEEDBACK_REPORT.equals(mail.reportType()) || !mail.feedbackReports().isEmpty();
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
