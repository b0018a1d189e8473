package org.bounceclassifier.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.bounceclassifier.ledger.TrafficSampleEntry;

/**
 * One line of {@code GET /v1/traffic/sample.ndjson}, and reading it back ({@code validate --impact
 * --traffic FILE}).
 */
public final class TrafficSampleJson {
    private TrafficSampleJson() {
    }

    public static JsonObject toJson(TrafficSampleEntry e) {
        return new JsonObject()
                .put("smtpCode", e.smtpCode())
                .put("enhancedStatus", e.enhancedStatus())
                .put("diagnostic", e.diagnostic())
                .put("recipientDomain", e.recipientDomain())
                .put("remoteMta", e.remoteMta())
                .put("dsnAction", e.dsnAction())
                .put("softBounces", e.softBounces())
                .put("count", e.count())
                .put("firstSeen", e.firstSeen().toString())
                .put("lastSeen", e.lastSeen().toString());
    }

    /** @throws InputException naming what is wrong with the line */
    public static TrafficSampleEntry parse(String line) throws InputException {
        JsonObject o;
        try {
            o = new JsonObject(line);
        } catch (DecodeException | ClassCastException e) {
            throw new InputException("invalid_json", "not a JSON object: " + e.getMessage());
        }
        try {
            long count = o.getLong("count", 1L);
            if (count < 1) {
                throw new InputException("invalid_field", "count must be at least 1, not " + count);
            }
            Instant first = o.getString("firstSeen") == null ? Instant.EPOCH : Instant.parse(o.getString("firstSeen"));
            Instant last = o.getString("lastSeen") == null ? first : Instant.parse(o.getString("lastSeen"));
            return new TrafficSampleEntry(o.getInteger("smtpCode"), o.getString("enhancedStatus"),
                    o.getString("diagnostic"), o.getString("recipientDomain"), o.getString("remoteMta"),
                    o.getString("dsnAction"), o.getInteger("softBounces", 0), count, first, last);
        } catch (ClassCastException | DateTimeParseException e) {
            throw new InputException("invalid_field", "a field has the wrong type or form: " + e.getMessage());
        }
    }
}
