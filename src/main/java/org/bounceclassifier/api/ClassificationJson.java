package org.bounceclassifier.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.engine.Evidence;
import org.bounceclassifier.engine.NearMisses;

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
     * {@code ?explain=full}: the classification with what almost decided it ({@link NearMisses}):
     * losing proposals with why, rules that stepped aside, and for unknown the closest rules and
     * the codes no rule speaks for.
     */
    public static JsonObject toJson(Classification c, NearMisses near) {
        JsonArray losing = new JsonArray();
        near.losingProposals().forEach(p -> losing.add(new JsonObject().put("rule", p.rule())
                .put("category", p.category().id()).put("strength", p.strength()).put("reason", p.reason())
                .put("why", p.why())));
        JsonArray aside = new JsonArray();
        near.steppedAside().forEach(a -> aside.add(new JsonObject().put("rule", a.rule()).put("file", a.file())
                .put("phrase", a.phrase()).put("category", a.category() == null ? null : a.category().id())
                .put("why", "names this phrase, which is in the text, yet did not fire: the phrase is one of its "
                        + "unless phrases, or another of its conditions (a code, a domain) did not hold")));
        JsonArray closest = new JsonArray();
        near.closest().forEach(n -> closest.add(new JsonObject().put("rule", n.rule()).put("file", n.file())
                .put("phrase", n.phrase()).put("category", n.category() == null ? null : n.category().id())
                .put("missingWords", new JsonArray(n.missingWords()))
                .put("share", Math.round(n.share() * 100) / 100.0)));
        return toJson(c).put("nearMisses", new JsonObject().put("losingProposals", losing)
                .put("steppedAside", aside).put("closestRules", closest)
                .put("codesWithoutRule", new JsonArray(near.codesWithoutRule())));
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
