package org.bounceclassifier.webhooks;

import java.util.Locale;
import org.bounceclassifier.engine.BounceInput;

/**
 * One event of a platform's payload, as the ledger takes it.
 *
 * @param kind a bounce (or deferral), a complaint or a delivery
 * @param recipient the address, as the platform wrote it
 * @param eventId the platform's own id of the event, prefixed with the platform: a webhook the
 *     platform sends again counts once
 * @param input the evidence the rules classify: the platform's diagnostic text, codes, DSN action
 *     (null for a delivery)
 * @param platformType the platform's own name for what happened (SES {@code Permanent/General},
 *     Postmark {@code HardBounce}, ...): evidence shown back, never used to classify
 * @param platformReason the platform's own reason text, or null
 */
public record WebhookEvent(Kind kind, String recipient, String eventId, BounceInput input, String platformType,
                           String platformReason) {
    public enum Kind {
        BOUNCE, COMPLAINT, DELIVERY;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A bounce or deferral: the diagnostic text goes through the rules. */
    static WebhookEvent bounce(String recipient, String eventId, Integer smtpCode, String status, String diagnostic,
                               String remoteMta, String dsnAction, String platformType, String platformReason) {
        return new WebhookEvent(Kind.BOUNCE, recipient, eventId,
                new BounceInput(smtpCode, status, diagnostic, recipient, null, remoteMta, dsnAction, 0),
                platformType, platformReason);
    }

    /**
     * A spam complaint: told to the rules as a feedback report tells it ({@code Feedback-Type:}),
     * so the category comes from {@code rules/text/complaint.drl} like an ARF report's.
     */
    static WebhookEvent complaint(String recipient, String eventId, String feedbackType, String platformType) {
        String type = feedbackType == null || feedbackType.isBlank() ? "abuse" : feedbackType.strip();
        return new WebhookEvent(Kind.COMPLAINT, recipient, eventId,
                new BounceInput(null, null, "Feedback-Type: " + type, recipient, null, null, null, 0),
                platformType, feedbackType);
    }

    static WebhookEvent delivery(String recipient, String eventId, String platformType, String response) {
        return new WebhookEvent(Kind.DELIVERY, recipient, eventId, null, platformType, response);
    }
}
