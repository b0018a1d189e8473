package org.bounceclassifier.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.bounceclassifier.ledger.SuppressionQuery;

/**
 * The {@code nextCursor} of the suppression list: where the next page starts, opaque to callers
 * (base64url of {@code <epoch millis>:<address>}). A position rather than an offset, so pages stay
 * right while suppressions are added and released between two calls.
 */
final class SuppressionCursor {
    private SuppressionCursor() {
    }

    static String encode(SuppressionQuery.Position p) {
        if (p == null) {
            return null;
        }
        String plain = p.suppressedAt().toEpochMilli() + ":" + p.address();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static SuppressionQuery.Position decode(String cursor) throws InputException {
        if (cursor == null) {
            return null;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = plain.indexOf(':');
            return new SuppressionQuery.Position(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))),
                    plain.substring(colon + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InputException("invalid_parameter", "cursor is not one this service gave: pass the nextCursor"
                    + " of the previous page as it is, or leave it out for the first page");
        }
    }
}
