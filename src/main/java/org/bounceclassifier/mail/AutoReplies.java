package org.bounceclassifier.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.Evidence;

/**
 * RFC 3834 automatic answers: out-of-office notices, vacation responders, autoresponders.
 *
 * <p>Whether a message is one is read from the markers its responder sets (the Auto-Submitted,
 * X-Autoreply, X-Autorespond and Precedence headers, or a subject in the form responders write).
 * The category is not decided here: the marker lines and the subject become the diagnostic, and
 * the rules in {@code rules/text/auto-reply.drl} decide, as for any other evidence.
 */
final class AutoReplies {
    /** Headers whose presence alone marks an autoresponder (any value but "no"). */
    private static final List<String> RESPONDER_HEADERS = List.of("X-Autoreply", "X-Autorespond");
    /** Subjects responders write, compared as the rules compare text (NFKC, lower case). */
    private static final List<String> SUBJECT_MARKERS = List.of("out of office", "out-of-office", "automatic reply",
            "auto reply", "auto-reply", "autoreply", "auto response", "auto-response", "autoresponse",
            "vacation reply", "自動応答", "自動返信", "不在のお知らせ", "【不在】", "[不在]", "休暇のお知らせ");

    private AutoReplies() {
    }

    static boolean isAutoReply(MailView mail) {
        return !markerLines(mail).isEmpty() || hasResponderSubject(mail);
    }

    /** One result: the mailbox that answered, with its markers and subject as the evidence. */
    static ParsedMessage parse(MailView mail) {
        List<String> evidence = new ArrayList<>(markerLines(mail));
        evidence.add("Subject: " + mail.subject());
        String responder = mail.headers().address("From");
        BounceInput input = new BounceInput(null, null, String.join("\n", evidence), responder, null, null, null, 0);
        return new ParsedMessage(MessageKind.AUTO_REPLY, null, List.of(new FailedRecipient(input, null)));
    }

    /** The header lines that mark the message as an automatic answer, as "Name: value". */
    private static List<String> markerLines(MailView mail) {
        List<String> lines = new ArrayList<>();
        String autoSubmitted = mail.header("Auto-Submitted");
        if (autoSubmitted != null && autoSubmitted.toLowerCase(Locale.ROOT).startsWith("auto-replied")) {
            lines.add("Auto-Submitted: " + autoSubmitted);
        }
        for (String name : RESPONDER_HEADERS) {
            String value = mail.header(name);
            if (value != null && !value.equalsIgnoreCase("no")) {
                lines.add(name + ": " + value);
            }
        }
        String precedence = mail.header("Precedence");
        if (precedence != null && precedence.equalsIgnoreCase("auto_reply")) {
            lines.add("Precedence: " + precedence);
        }
        return lines;
    }

    private static boolean hasResponderSubject(MailView mail) {
        String subject = Evidence.normalize(mail.subject());
        for (String marker : SUBJECT_MARKERS) {
            if (subject.contains(marker)) {
                return true;
            }
        }
        return false;
    }
}
