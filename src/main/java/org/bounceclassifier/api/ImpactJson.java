package org.bounceclassifier.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bounceclassifier.service.RuleImpact;

/** The JSON shape of a rule change's impact: {@code lastAttempt.impact} of {@code GET /v1/rules}, {@code validate --impact --json}. */
public final class ImpactJson {
    private ImpactJson() {
    }

    public static JsonObject toJson(RuleImpact.Report r) {
        if (r == null) {
            return null;
        }
        JsonArray transitions = new JsonArray();
        for (RuleImpact.Transition t : r.transitions()) {
            JsonArray examples = new JsonArray();
            t.examples().forEach(e -> examples.add(new JsonObject()
                    .put("diagnostic", e.text())
                    .put("smtpCode", e.smtpCode())
                    .put("enhancedStatus", e.enhancedStatus())
                    .put("recipientDomain", e.recipientDomain())
                    .put("count", e.count())));
            transitions.add(new JsonObject()
                    .put("from", answer(t.from()))
                    .put("to", answer(t.to()))
                    .put("inputs", t.inputs())
                    .put("bounces", t.bounces())
                    .put("share", r.sampleBounces() == 0 ? 0.0 : (double) t.bounces() / r.sampleBounces())
                    .put("examples", examples));
        }
        JsonObject ledger = null;
        if (r.ledger() != null) {
            RuleImpact.LedgerImpact l = r.ledger();
            ledger = new JsonObject()
                    .put("days", l.days())
                    .put("maxRecipients", l.maxRecipients())
                    .put("recipients", l.recipients())
                    .put("eventsJudged", l.eventsJudged())
                    .put("eventsThatWouldChange", l.eventsThatWouldChange())
                    .put("wouldSuppress", new JsonObject().put("count", l.wouldSuppress())
                            .put("examples", new JsonArray(l.wouldSuppressExamples())))
                    .put("wouldRelease", new JsonObject().put("count", l.wouldRelease())
                            .put("examples", new JsonArray(l.wouldReleaseExamples())))
                    .put("millis", l.millis());
        }
        return new JsonObject()
                .put("servingVersion", r.servingVersion())
                .put("candidateVersion", r.candidateVersion())
                .put("sampleInputs", r.sampleInputs())
                .put("sampleBounces", r.sampleBounces())
                .put("changedInputs", r.changedInputs())
                .put("changedBounces", r.changedBounces())
                .put("share", r.share())
                .put("maxImpactPercent", r.maxImpactPercent())
                .put("overLimit", r.overLimit())
                .put("transitions", transitions)
                .put("ledger", ledger)
                .put("ledgerError", r.ledgerError())
                .put("sampleError", r.sampleError())
                .put("millis", r.millis());
    }

    private static JsonObject answer(RuleImpact.Answer a) {
        return new JsonObject().put("category", a.category()).put("bounceType", a.bounceType())
                .put("action", a.action());
    }
}
