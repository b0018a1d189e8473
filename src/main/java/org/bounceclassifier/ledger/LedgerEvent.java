package org.bounceclassifier.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One recorded bounce or delivery and what it did. The classification fields are null for a delivery.
 *
 * @param eventId the caller's event id, or one the ledger made up; unique across the ledger
 * @param softBouncesBefore the run passed to the rules as history
 * @param softBouncesAfter the run after this event
 * @param report what the caller sent with it beyond the classification's fields
 */
public record LedgerEvent(String eventId, String address, Kind kind, Instant recordedAt,
                          String category, String bounceType, String action, Integer smtpCode, String enhancedStatus,
                          List<String> matchedRules, String rulesVersion,
                          int softBouncesBefore, int softBouncesAfter, Effect effect, Report report) {

    /**
     * What the caller reported with an event, kept so a person can see what the receiver said and
     * a re-evaluation can give new rules the same input. Every field may be null.
     *
     * @param messageId the caller's id of the message sent: the retries of one send count once
     * @param occurredAt when the bounce happened, as the caller says (not when it was recorded)
     * @param diagnostic the receiver's text, other people's addresses masked ({@link DiagnosticText});
     *     null once the diagnostic retention period is over
     */
    public record Report(String messageId, Instant occurredAt, String diagnostic, String dsnAction, String remoteMta) {
        public static final Report NONE = new Report(null, null, null, null, null);
    }

    public enum Kind {
        BOUNCE, DELIVERY;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }
}
