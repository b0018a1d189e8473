package org.bounceclassifier.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.bounceclassifier.api.RulesJson;
import org.bounceclassifier.api.InputException;
import org.bounceclassifier.api.ReceiverTrafficJson;
import org.bounceclassifier.api.TrafficJson;
import org.bounceclassifier.ledger.LedgerStoreException;
import org.bounceclassifier.api.TrafficSampleJson;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.engine.Messages;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ServiceMetrics;

/** The read-only endpoints: {@code /health}, {@code /v1/categories}, {@code /v1/rules}, {@code /v1/traffic}. */
final class InfoHandlers {
    private final CurrentRules rules;
    private final ServiceMetrics metrics;

    InfoHandlers(CurrentRules rules, ServiceMetrics metrics) {
        this.rules = rules;
        this.metrics = metrics;
    }

    void health(RoutingContext ctx) {
        RuleSet ruleSet = rules.get();
        if (ruleSet == null) {
            ctx.response().setStatusCode(503);
            ClassifyHandler.sendJson(ctx, new JsonObject().put("status", "DOWN").put("rulesVersion", null));
            return;
        }
        ClassifyHandler.sendJson(ctx, new JsonObject().put("status", "UP").put("rulesVersion", ruleSet.version()));
    }

    void categories(RoutingContext ctx) {
        RuleSet ruleSet = rules.get();
        Messages messages = ruleSet.messages();
        JsonArray list = new JsonArray();
        for (Category c : Category.values()) {
            RuleSet.Remedy remedy = ruleSet.defaultRemedy(c);
            JsonObject labels = new JsonObject();
            JsonObject remediation = new JsonObject();
            for (String lang : messages.languages()) {
                labels.put(lang, messages.text(c, lang).label());
                remediation.put(lang, messages.text(c, lang).remediation());
            }
            list.add(new JsonObject()
                    .put("id", c.id())
                    .put("bounceType", c.defaultType().id())
                    .put("action", remedy.action().id())
                    .put("retryAfterSeconds", remedy.retryAfterSeconds())
                    .put("labels", labels)
                    .put("remediation", remediation));
        }
        ClassifyHandler.sendJson(ctx, new JsonObject().put("rulesVersion", ruleSet.version()).put("categories", list));
    }

    void rules(RoutingContext ctx) {
        ClassifyHandler.sendJson(ctx, RulesJson.toJson(rules.get(), rules.lastAttempt(), metrics.ruleFirings()));
    }

    void traffic(RoutingContext ctx) {
        ClassifyHandler.sendJson(ctx, TrafficJson.toJson(metrics.traffic().snapshot()));
    }

    /**
     * Traffic by receiving provider over the last {@code hours}: read from the ledger's database
     * (or memory) off the event loop.
     */
    void receivers(RoutingContext ctx) {
        int hours;
        try {
            hours = ReceiverTrafficJson.hours(ctx.request().getParam("hours"));
        } catch (InputException e) {
            ErrorResponses.send(ctx, 400, e.code(), e.getMessage());
            return;
        }
        ctx.vertx().executeBlocking(() -> metrics.receivers().report(hours), false)
                .onSuccess(report -> ClassifyHandler.sendJson(ctx, ReceiverTrafficJson.toJson(report)))
                .onFailure(e -> {
                    if (e instanceof LedgerStoreException) {
                        ErrorResponses.send(ctx, 503, "ledger_unavailable", "the ledger database did not answer ("
                                + e.getMessage() + "); try again when GET /ready answers 200");
                    } else {
                        ctx.fail(e);
                    }
                });
    }

    /**
     * The traffic sample as NDJSON, one distinct input a line, the most recently seen first (read
     * from the database off the event loop).
     */
    void sample(RoutingContext ctx) {
        ctx.vertx().executeBlocking(() -> metrics.sample().entries(), false)
                .onSuccess(entries -> {
                    StringBuilder body = new StringBuilder();
                    entries.forEach(e -> body.append(TrafficSampleJson.toJson(e).encode()).append('\n'));
                    ctx.response().putHeader("Content-Type", "application/x-ndjson; charset=utf-8")
                            .putHeader("Content-Disposition", "attachment; filename=\"traffic-sample.ndjson\"")
                            .end(body.toString());
                })
                .onFailure(e -> ErrorResponses.send(ctx, 503, "sample_unavailable",
                        "the traffic sample cannot be read now (" + e.getMessage() + "); try again when /ready answers 200"));
    }

    /** Reloads the rules directory now (compiling takes a second or two: off the event loop). */
    void reload(RoutingContext ctx) {
        ctx.vertx().executeBlocking(() -> rules.load(CurrentRules.API), false)
                .onSuccess(attempt -> ClassifyHandler.sendJson(ctx,
                        RulesJson.toJson(rules.get(), attempt, metrics.ruleFirings())))
                .onFailure(ctx::fail);
    }
}
