package org.bounceclassifier.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bounceclassifier.mail.ClassifiedMessage;

/**
 * The JSON shape of a classified raw message (API.md, {@code POST /v1/classify} with
 * {@code message/rfc822}): {@code messageKind}, the {@code layout} that read a non-standard
 * bounce, and one result per recipient: {@code recipient}, {@code reportingMta}, then the fields
 * of a classification.
 */
public final class MessageResultJson {
    private MessageResultJson() {
    }

    public static JsonObject toJson(ClassifiedMessage message) {
        JsonArray results = new JsonArray();
        for (ClassifiedMessage.Result r : message.results()) {
            JsonObject result = new JsonObject()
                    .put("recipient", r.recipient().recipient())
                    .put("reportingMta", r.recipient().reportingMta());
            ClassificationJson.toJson(r.classification()).forEach(e -> result.put(e.getKey(), e.getValue()));
            results.add(result);
        }
        return new JsonObject()
                .put("messageKind", message.kind().id())
                .put("layout", message.layout())
                .put("results", results);
    }
}
