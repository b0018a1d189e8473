package org.bounceclassifier.mail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.mail.layout.BounceLayout;
import org.bounceclassifier.mail.layout.Finding;
import org.bounceclassifier.mail.layout.GenericLayout;
import org.bounceclassifier.mail.layout.TextScan;
import org.bounceclassifier.mail.layout.Layouts;

/**
 * Finds every recipient a raw message reports on, and the evidence for each. No rules run here.
 *
 * <p>In this order: a feedback report (RFC 5965); a delivery status notification (RFC 3464 /
 * 6533), whose recipient blocks are the evidence; a notice in one of the known layouts, read from
 * its text; an automatic answer (RFC 3834); anything else is not a bounce. Bounces come before
 * automatic answers because many MTAs mark their bounces "Auto-Submitted: auto-replied" too.
 *
 * <p>Thread-safe and meant to be built once: the layouts are loaded in the constructor.
 */
public final class MailParser {
    /** DSN actions that report a success, not a failure (RFC 3464 section 2.3.3). */
    private static final Set<String> NOT_FAILURES = Set.of("delivered", "relayed", "expanded");
    /**
     * How much of a notice's text becomes the diagnostic when no recipient could be found in it:
     * the cause is told near the top, and the rules need not read a whole returned message.
     */
    private static final int MAX_UNADDRESSED_DIAGNOSTIC_CHARS = 2000;

    /** A reply code or an enhanced status code in a diagnostic. */
    private static final Pattern CODE_IN_TEXT = Pattern.compile(
            "(?<![0-9.])(?:[245][0-9]{2}[ -]|[245]\\.[0-9]{1,3}\\.[0-9]{1,3})");

    /** How much of a notice's words stand for a diagnostic the report left out. */
    private static final int MAX_NOTICE_WORDS = 1000;

    private final List<BounceLayout> layouts;

    public MailParser() {
        this(Layouts.load());
    }

    public MailParser(List<BounceLayout> layouts) {
        this.layouts = List.copyOf(layouts);
    }

    public List<BounceLayout> layouts() {
        return layouts;
    }

    public ParsedMessage parse(byte[] raw) {
        return parse(new ByteArrayInputStream(raw));
    }

    public ParsedMessage parse(InputStream raw) {
        return parse(MailReader.read(raw));
    }

    ParsedMessage parse(MailView mail) {
        return read(mail).withMessageId(mail.header("Message-ID"));
    }

    private ParsedMessage read(MailView mail) {
        if (FeedbackReports.isFeedbackReport(mail)) {
            return FeedbackReports.parse(mail);
        }
        if (mail.deliveryStatus().isEmpty() && FeedbackReports.isNearFeedbackReport(mail)) {
            return FeedbackReports.parseNear(mail);
        }
        if (mail.deliveryStatus().isEmpty() && SesNotifications.isNotification(mail)) {
            ParsedMessage ses = SesNotifications.parse(mail);
            if (!ses.recipients().isEmpty()) {
                return ses;
            }
        }
        if (!mail.deliveryStatus().isEmpty()) {
            ParsedMessage dsn = deliveryStatus(mail, mail.deliveryStatus());
            if (dsn != null) {
                return dsn;
            }
        } else {
            String inText = TextDeliveryStatus.extract(mail.text());
            // the layouts then read the notice's own words, not the fields again
            ParsedMessage dsn = inText == null ? null
                    : deliveryStatus(mail.withText(TextDeliveryStatus.without(mail.text())), List.of(inText));
            if (dsn != null) {
                return dsn;
            }
        }
        ParsedMessage notice = nonStandardBounce(mail);
        // a bounce attached to a notice (a gateway's, or a forward whose subject says it is a bounce)
        // is read when the notice names no cause; a person's message with a bounce attached is not
        // a bounce of ours
        ParsedMessage forwarded = notice == null || namesCauses(notice) ? null : forwardedBounce(mail);
        if (forwarded != null && namesCauses(forwarded)) {
            return forwarded;
        }
        if (notice != null) {
            return notice;
        }
        if (AutoReplies.isAutoReply(mail)) {
            return AutoReplies.parse(mail);
        }
        return ParsedMessage.notABounce();
    }

    /**
     * The bounce returned inside this one (a bounce forwarded as an attachment, as security
     * gateways and help desks pass them on), read like any message; null when there is none or it
     * names no recipient. Only one level deep: the returned bounce's own returned message is not
     * followed.
     */
    private ParsedMessage forwardedBounce(MailView mail) {
        if (mail.returnedBounce() == null) {
            return null;
        }
        MailView inner = MailReader.read(new ByteArrayInputStream(mail.returnedBounce()));
        ParsedMessage parsed = read(inner.withoutReturnedBounce());
        boolean addressed = parsed.recipients().stream().anyMatch(r -> r.recipient() != null);
        return addressed && (parsed.kind() == MessageKind.DSN || parsed.kind() == MessageKind.NON_STANDARD_BOUNCE)
                ? parsed : null;
    }

    /** Whether a recipient of the message names a recipient and quotes a reply or status code for it. */
    private static boolean namesCauses(ParsedMessage parsed) {
        for (FailedRecipient r : parsed.recipients()) {
            BounceInput in = r.input();
            if (r.recipient() != null && (in.enhancedStatus() != null
                    || in.diagnostic() != null && CODE_IN_TEXT.matcher(in.diagnostic()).find())) {
                return true;
            }
        }
        return false;
    }

    /** Null when the delivery-status parts name no recipient at all (then the text is read instead). */
    private ParsedMessage deliveryStatus(MailView mail, List<String> bodies) {
        String sender = senderOf(mail);
        List<FailedRecipient> out = new ArrayList<>();
        boolean anyRecipient = false;
        Map<String, Finding> fromText = null;
        for (String body : bodies) {
            DeliveryStatusReader.Report report = DeliveryStatusReader.read(body);
            for (DeliveryStatusReader.Recipient r : report.recipients()) {
                anyRecipient = true;
                if (r.action() != null && NOT_FAILURES.contains(r.action())) {
                    continue;
                }
                String diagnostic = r.diagnostic();
                String remoteMta = r.remoteMta();
                if (diagnostic == null && r.address() != null) {
                    // some MTAs leave Diagnostic-Code out and explain only in the text part
                    if (fromText == null) {
                        fromText = findingsByAddress(mail);
                    }
                    Finding f = fromText.get(r.address());
                    if (f != null) {
                        diagnostic = f.diagnostic();
                        remoteMta = remoteMta != null ? remoteMta : f.remoteMta();
                    } else if (report.recipients().size() == 1 && vagueStatus(r.status())) {
                        // one recipient, a status that says little (5.5.0, 5.0.0), and a notice that
                        // names it in a way no layout reads (a pipe to a program): the notice's words
                        diagnostic = noticeWords(mail);
                    }
                }
                else if (diagnostic != null && r.address() != null) {
                    // the notice's own paragraph may say more than Diagnostic-Code: which host answered
                    // and to which command ("(in reply to end of DATA command)"). A carrier that refuses
                    // at DATA what it would accept at RCPT (the recipient's filter) is told apart by it.
                    if (fromText == null) {
                        fromText = findingsByAddress(mail);
                    }
                    Finding f = fromText.get(r.address());
                    if (f != null && f.diagnostic() != null) {
                        diagnostic = withCommandContext(f.diagnostic(), diagnostic);
                    }
                }
                BounceInput input = new BounceInput(null, statusFor(r.status(), diagnostic), diagnostic, r.address(),
                        sender, remoteMta, r.action(), 0);
                out.add(new FailedRecipient(input, report.reportingMta()));
            }
        }
        return anyRecipient ? new ParsedMessage(MessageKind.DSN, null, out) : null;
    }

    private static final java.util.regex.Pattern ANSWERING_HOST =
            java.util.regex.Pattern.compile("host ([a-z0-9.-]+\\.[a-z]{2,})", java.util.regex.Pattern.CASE_INSENSITIVE);
    /**
     * The command a reply answered, as Postfix ("in reply to end of DATA command") and Exim ("SMTP
     * error from remote mail server after EHLO host:") write it. RCPT TO is left out: it is where
     * a recipient is refused anyway; the other commands change what a refusal is about.
     */
    private static final java.util.regex.Pattern ANSWERED_COMMAND = java.util.regex.Pattern.compile(
            "(?:in reply to|remote mail server after) (end of data|data|mail from|ehlo|helo)\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * The Diagnostic-Code, with "(in reply to COMMAND command, host H)" added when the notice's
     * paragraph for the recipient quotes the same reply as an answer to EHLO, MAIL FROM or DATA:
     * only the command and the host are added, never the paragraph's other words (addresses, IPs).
     * A carrier that refuses at DATA what it accepted at RCPT (the recipient's own filter), or a
     * receiver that refuses the greeting (the sending host), is told apart by it.
     */
    private static String withCommandContext(String prose, String diagnostic) {
        String p = prose.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        String d = diagnostic.toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ")
                .replaceFirst("^smtp; ?", "").strip();
        java.util.regex.Matcher command = ANSWERED_COMMAND.matcher(p);
        if (d.isEmpty() || !p.contains(d) || !command.find() || d.contains("in reply to")
                || d.contains("remote mail server after")) {
            return diagnostic;
        }
        java.util.regex.Matcher host = ANSWERING_HOST.matcher(prose);
        return diagnostic + " (in reply to " + command.group(1) + " command"
                + (host.find() ? ", host " + host.group(1) : "") + ")";
    }

    /** A status whose detail is 0 ("other or undefined"): 5.0.0, 5.5.0, 4.4.0. */
    private static boolean vagueStatus(String status) {
        return status == null || status.endsWith(".0");
    }

    /** The notice's own words, before the returned message, as prose; null when it has none. */
    private static String noticeWords(MailView mail) {
        String notice = TextScan.cutAtReturnedHeader(TextScan.cutAt(mail.text(), "reporting-mta:",
                "----- original message", "original message follows", "unsent message follows"));
        String words = GenericLayout.prose(notice);
        if (words.isBlank()) {
            return null;
        }
        return words.length() <= MAX_NOTICE_WORDS ? words : words.substring(0, MAX_NOTICE_WORDS);
    }

    /**
     * The Status field, except a bare class ("5.0.0") when the diagnostic names a precise code:
     * Exchange and others write 5.0.0 in Status and the receiver's 5.1.1 in the text, and the
     * precise one is the better evidence. Null lets the engine read it from the diagnostic.
     */
    private static String statusFor(String status, String diagnostic) {
        if (status != null && status.endsWith(".0.0") && diagnostic != null) {
            String inText = DeliveryStatusReader.status(diagnostic);
            if (inText != null && !inText.endsWith(".0.0") && inText.charAt(0) == status.charAt(0)) {
                return null;
            }
        }
        return status;
    }

    private Map<String, Finding> findingsByAddress(MailView mail) {
        Map<String, Finding> out = new HashMap<>();
        for (BounceLayout layout : layouts) {
            if (layout.recognizes(mail)) {
                for (Finding f : layout.findings(mail)) {
                    out.putIfAbsent(f.recipient(), f);
                }
                if (!out.isEmpty()) {
                    return out;
                }
            }
        }
        return out;
    }

    /** The first layout that recognizes the notice and finds recipients in it; null when none recognizes it. */
    private ParsedMessage nonStandardBounce(MailView mail) {
        String recognizedBy = null;
        for (BounceLayout layout : layouts) {
            if (!layout.recognizes(mail)) {
                continue;
            }
            List<Finding> findings = layout.findings(mail);
            if (!findings.isEmpty()) {
                String reportingMta = reportingMta(mail);
                List<FailedRecipient> out = new ArrayList<>();
                String sender = senderOf(mail);
                for (Finding f : findings) {
                    out.add(new FailedRecipient(new BounceInput(null, null, f.diagnostic(), f.recipient(), sender,
                            f.remoteMta(), null, 0), reportingMta));
                }
                return new ParsedMessage(MessageKind.NON_STANDARD_BOUNCE, layout.name(), out);
            }
            if (recognizedBy == null) {
                recognizedBy = layout.name();
            }
        }
        if (recognizedBy == null) {
            return null;
        }
        // a bounce whose recipient cannot be found: its text is the only evidence there is
        String text = mail.text().strip();
        String excerpt = text.length() <= MAX_UNADDRESSED_DIAGNOSTIC_CHARS ? text
                : text.substring(0, MAX_UNADDRESSED_DIAGNOSTIC_CHARS);
        BounceInput input = new BounceInput(null, null, excerpt.isEmpty() ? mail.subject() : excerpt, null, null, null,
                null, 0);
        return new ParsedMessage(MessageKind.NON_STANDARD_BOUNCE, recognizedBy,
                List.of(new FailedRecipient(input, reportingMta(mail))));
    }

    /**
     * Who sent the message that bounced: the returned message's From, else the address the
     * bounce was sent to (a bounce goes to the envelope sender, the return path), so that rules
     * can tell when a reply is about the sender's own domain ("neko.example.com does not exist").
     */
    private static String senderOf(MailView mail) {
        String from = mail.originalHeaders().address("From");
        return from != null ? from : mail.headers().address("To");
    }

    /** The host that wrote a non-standard notice: the domain of its From address. */
    private static String reportingMta(MailView mail) {
        String from = mail.fromAddress();
        int at = from.lastIndexOf('@');
        return at < 0 ? null : from.substring(at + 1);
    }
}
