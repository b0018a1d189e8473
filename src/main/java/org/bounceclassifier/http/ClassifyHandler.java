package org.bounceclassifier.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.bounceclassifier.api.BounceInputParser;
import org.bounceclassifier.api.ClassificationJson;
import org.bounceclassifier.api.InputException;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ServiceMetrics;

/**
 * {@code POST /v1/classify} with a JSON body.
 *
 * <p>Parsing and validation run on the event loop (cheap and bounded by the body limit); the rule
 * session runs on a worker thread through {@code executeBlocking}, so that a slow rule set can
 * never stall the event loop that serves every other connection.
 */
final class ClassifyHandler {
    private final CurrentRules rules;
    private final ServiceMetrics metrics;
    private final String defaultLang;

    ClassifyHandler(CurrentRules rules, ServiceMetrics metrics, String defaultLang) {
        this.rules = rules;
        this.metrics = metrics;
        this.defaultLang = defaultLang;
    }

    void handle(RoutingContext ctx) {
        if (!MediaTypes.isJson(ctx.request().getHeader("Content-Type"))) {
            ErrorResponses.send(ctx, 415, "unsupported_media_type",
                    "send the bounce as Content-Type: application/json (raw bounce e-mails as message/rfc822 are "
                            + "not supported yet)");
            return;
        }
        RuleSet ruleSet = rules.get();
        String lang = Language.choose(ctx, ruleSet.messages().languages(), defaultLang);
        if (lang == null) {
            ErrorResponses.send(ctx, 400, "invalid_parameter",
                    "lang must be one of " + ruleSet.messages().languages());
            return;
        }
        BounceInput input;
        try {
            input = BounceInputParser.parse(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
        } catch (InputException e) {
            ErrorResponses.send(ctx, 400, e.code(), e.getMessage());
            return;
        }
        ctx.vertx().executeBlocking(() -> {
                    Classification c = ruleSet.classify(input, lang);
                    metrics.classified(c);
                    return ClassificationJson.toJson(c);
                }, false)
                .onSuccess(json -> sendJson(ctx, json))
                .onFailure(ctx::fail);
    }

    static void sendJson(RoutingContext ctx, JsonObject json) {
        ctx.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(json.encode());
    }
}
