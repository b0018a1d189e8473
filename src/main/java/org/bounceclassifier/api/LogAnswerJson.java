package org.bounceclassifier.api;

import io.vertx.core.json.JsonObject;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.logs.LogRecord;

/**
 * One answer line of {@code classify --log}: where it came from (line, format, message id,
 * what the MTA did, its own verdict) and then the fields of a classification as the API gives them.
 */
public final class LogAnswerJson {
    private LogAnswerJson() {
    }

    public static JsonObject toJson(long line, String format, LogRecord record, Classification c) {
        JsonObject out = new JsonObject()
                .put("line", line)
                .put("format", format)
                .put("messageId", record.messageId())
                .put("outcome", record.outcome().id())
                .put("recipient", record.input().recipient());
        if (!record.mtaVerdict().isEmpty()) {
            out.put("mtaVerdict", new JsonObject(new java.util.TreeMap<String, Object>(record.mtaVerdict())));
        }
        ClassificationJson.toJson(c).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
