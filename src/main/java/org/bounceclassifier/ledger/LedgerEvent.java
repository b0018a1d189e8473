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
 */
public record LedgerEvent(String eventId, String address, Kind kind, Instant recordedAt,
                          String category, String bounceType, String action, Integer smtpCode, String enhancedStatus,
                          List<String> matchedRules, String rulesVersion,
                          int softBouncesBefore, int softBouncesAfter, Effect effect) {

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
