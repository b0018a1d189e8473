package org.bounceclassifier.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bounceclassifier.engine.Classification;

/** The JSON shape of a classification (API.md, {@code POST /v1/classify}). */
public final class ClassificationJson {
    private ClassificationJson() {
    }

    public static JsonObject toJson(Classification c) {
        JsonArray rules = new JsonArray();
        c.matchedRules().forEach(r -> rules.add(r.name()));
        JsonArray ruleFiles = new JsonArray();
        c.matchedRules().forEach(r -> ruleFiles.add(new JsonObject().put("rule", r.name()).put("file", r.file())));
        return new JsonObject()
                .put("category", c.category().id())
                .put("bounceType", c.bounceType().id())
                .put("action", c.action().id())
                .put("label", c.label())
                .put("remediation", c.remediation())
                .put("retryAfterSeconds", c.retryAfterSeconds())
                .put("countsAsSoftBounce", c.countsAsSoftBounce())
                .put("smtpCode", c.smtpCode())
                .put("enhancedStatus", c.enhancedStatus())
                .put("matchedRules", rules)
                .put("explanation", ruleFiles)
                .put("rulesVersion", c.rulesVersion());
    }
}
