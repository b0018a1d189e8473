package org.bounceclassifier.mail;

import java.util.List;
import java.util.Locale;

/**
 * What was read of one message: the parts that can hold bounce evidence, decoded to text.
 *
 * <ul>
 *   <li>{@code headers}: the header of the message itself, decoded;</li>
 *   <li>{@code text}: the human-readable text of the notice (its text/plain parts, or its HTML
 *       parts as text when it has no plain one), without the returned message;</li>
 *   <li>{@code deliveryStatus}: the bodies of its {@code message/delivery-status} and
 *       {@code message/global-delivery-status} parts;</li>
 *   <li>{@code feedbackReports}: the bodies of its {@code message/feedback-report} parts;</li>
 *   <li>{@code originalHeaders}: the header of the returned original message
 *       ({@code message/rfc822}, {@code text/rfc822-headers} and their RFC 6532 forms), or empty;</li>
 *   <li>{@code reportType}: the {@code report-type} of a {@code multipart/report} in the message,
 *       lower case, or null;</li>
 *   <li>{@code returnedBounce}: the first returned message ({@code message/rfc822}), raw and
 *       bounded, which may itself be a bounce (a bounce forwarded as an attachment), or null.</li>
 * </ul>
 */
public final class MailView {
    private final Headers headers;
    private final String text;
    private final String textLower;
    private final List<String> deliveryStatus;
    private final List<String> feedbackReports;
    private final Headers originalHeaders;
    private final String reportType;
    private final byte[] returnedBounce;
    private final String subject;
    private final String subjectLower;
    private final String fromAddress;
    private final String fromNameLower;

    public MailView(Headers headers, String text, List<String> deliveryStatus, List<String> feedbackReports,
                    Headers originalHeaders, String reportType) {
        this(headers, text, deliveryStatus, feedbackReports, originalHeaders, reportType, null);
    }

    public MailView(Headers headers, String text, List<String> deliveryStatus, List<String> feedbackReports,
                    Headers originalHeaders, String reportType, byte[] returnedBounce) {
        this.headers = headers;
        this.text = text;
        // computed once: every layout's markers are checked against it
        this.textLower = text.toLowerCase(Locale.ROOT);
        this.deliveryStatus = List.copyOf(deliveryStatus);
        this.feedbackReports = List.copyOf(feedbackReports);
        this.originalHeaders = originalHeaders;
        this.reportType = reportType;
        this.returnedBounce = returnedBounce;
        // read once: every layout looks at them
        String s = headers.first("Subject");
        this.subject = s == null ? "" : s;
        this.subjectLower = subject.toLowerCase(Locale.ROOT);
        String from = headers.address("From");
        this.fromAddress = from == null ? "" : from;
        this.fromNameLower = headers.displayName("From").toLowerCase(Locale.ROOT);
    }

    public Headers headers() {
        return headers;
    }

    public String text() {
        return text;
    }

    /** {@link #text()} in lower case (same length and positions for the scripts bounces use). */
    public String textLower() {
        return textLower;
    }

    public List<String> deliveryStatus() {
        return deliveryStatus;
    }

    public List<String> feedbackReports() {
        return feedbackReports;
    }

    public Headers originalHeaders() {
        return originalHeaders;
    }

    public String reportType() {
        return reportType;
    }

    /** The first returned message, raw and bounded, which may itself be a bounce; null when there is none. */
    public byte[] returnedBounce() {
        return returnedBounce;
    }

    /** The same view with another text. */
    MailView withText(String otherText) {
        return new MailView(headers, otherText, deliveryStatus, feedbackReports, originalHeaders, reportType,
                returnedBounce);
    }

    /** The same view without its returned bounce: what is read of a bounce found inside another. */
    MailView withoutReturnedBounce() {
        return new MailView(headers, text, deliveryStatus, feedbackReports, originalHeaders, reportType, null);
    }

    /** The decoded Subject, or "". */
    public String subject() {
        return subject;
    }

    /** The decoded Subject in lower case, for marker checks. */
    public String subjectLower() {
        return subjectLower;
    }

    /** The From address in lower case, or "". */
    public String fromAddress() {
        return fromAddress;
    }

    /** The From display name in lower case ("mail delivery subsystem"), or "". */
    public String fromNameLower() {
        return fromNameLower;
    }

    /** The header field's decoded text, or null. */
    public String header(String name) {
        return headers.first(name);
    }
}
