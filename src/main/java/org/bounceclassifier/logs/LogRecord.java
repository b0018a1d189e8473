package org.bounceclassifier.logs;

import java.util.Map;
import org.bounceclassifier.engine.BounceInput;

/**
 * One delivery attempt an MTA logged for one recipient.
 *
 * @param messageId what identifies the message across its attempts: the queue id (Postfix,
 *     Sendmail), the message id (Exim, KumoMTA), the job and envelope ids (PowerMTA); deferrals of
 *     one message carry the same id, so the ledger counts them once
 * @param outcome what the MTA did: delivered, deferred (will retry), failed (gave up), complaint
 * @param input the evidence as the rules take it: reply code and text, status, recipient, relay
 * @param mtaVerdict the MTA's own classification, when it writes one (KumoMTA's
 *     bounce_classification, PowerMTA's bounceCat): kept as evidence, never as the answer
 */
public record LogRecord(String messageId, Outcome outcome, BounceInput input, Map<String, String> mtaVerdict) {
    /** What the MTA did with the recipient on this attempt. */
    public enum Outcome {
        DELIVERED, DEFERRED, FAILED, COMPLAINT;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public LogRecord {
        mtaVerdict = mtaVerdict == null ? Map.of() : Map.copyOf(mtaVerdict);
    }

    /** The evidence for a failure or a delay; for a delivery, its reply with the DSN action "delivered". */
    static BounceInput input(String diagnostic, String status, String recipient, String sender, String relay,
            Outcome outcome) {
        String dsnAction = switch (outcome) {
            case DELIVERED -> "delivered";
            // a deferral is classified by its cause (greylisting, a full mailbox...), not as "delayed":
            // each deferral is a failed attempt the ledger counts (once per message)
            case DEFERRED, COMPLAINT -> null;
            case FAILED -> "failed";
        };
        return new BounceInput(null, blankToNull(status), blankToNull(diagnostic), blankToNull(recipient),
                blankToNull(sender), blankToNull(relay), dsnAction, 0);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
