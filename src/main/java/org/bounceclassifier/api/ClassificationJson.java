package org.bounceclassifier.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.engine.Evidence;

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
                .put("evidence", evidence(c.evidence()))
                .put("rulesVersion", c.rulesVersion());
    }

    /**
     * What the rules were given, after parsing: codes (from the fields or read from the text), the
     * text as written and as matched (normalized), domains and the reporting MTA. Null fields were
     * neither sent nor found.
     */
    static JsonObject evidence(Evidence e) {
        if (e == null) {
            return null;
        }
        return new JsonObject()
                .put("smtpCode", e.hasSmtpCode() ? e.getSmtpCode() : null)
                .put("enhancedStatus", e.getEnhancedStatus())
                .put("diagnostic", e.getDiagnostic().isEmpty() ? null : e.getDiagnostic())
                .put("text", e.getText().isEmpty() ? null : e.getText())
                .put("recipientDomain", e.getRecipientDomain())
                .put("senderDomain", e.getSenderDomain())
                .put("remoteMta", e.getRemoteMta())
                .put("dsnAction", e.getDsnAction())
                .put("consecutiveSoftBounces", e.getConsecutiveSoftBounces());
    }
}
