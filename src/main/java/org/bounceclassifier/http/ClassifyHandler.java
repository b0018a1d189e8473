package org.bounceclassifier.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.bounceclassifier.api.BounceInputParser;
import org.bounceclassifier.api.ClassificationJson;
import org.bounceclassifier.api.InputException;
import org.bounceclassifier.api.MessageResultJson;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.engine.NearMisses;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.mail.ClassifiedMessage;
import org.bounceclassifier.mail.MailParser;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ServiceMetrics;

/**
 * {@code POST /v1/classify}: one structured bounce as JSON, or a raw e-mail as
 * {@code message/rfc822} (or {@code text/plain} holding a whole message).
 *
 * <p>JSON is parsed and validated on the event loop (cheap and bounded by the body limit); the rule
 * session runs on a worker thread through {@code executeBlocking}, so that a slow rule set can
 * never stall the event loop that serves every other connection. A raw e-mail is parsed on the
 * worker thread too: MIME decoding of a large message is real work.
 */
final class ClassifyHandler {
    private final CurrentRules rules;
    private final ServiceMetrics metrics;
    private final String defaultLang;
    /** Built once: it loads the bounce layouts. */
    private final MailParser mailParser = new MailParser();

    ClassifyHandler(CurrentRules rules, ServiceMetrics metrics, String defaultLang) {
        this.rules = rules;
        this.metrics = metrics;
        this.defaultLang = defaultLang;
    }

    void handle(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        boolean rawMessage = MediaTypes.isRawMessage(contentType);
        if (!rawMessage && !MediaTypes.isJson(contentType)) {
            ErrorResponses.send(ctx, 415, "unsupported_media_type",
                    "send a bounce as Content-Type: application/json, or a whole bounce e-mail as message/rfc822 "
                            + "(or text/plain)");
            return;
        }
        RuleSet ruleSet = rules.get();
        String lang = Language.choose(ctx, ruleSet.messages().languages(), defaultLang);
        if (lang == null) {
            ErrorResponses.send(ctx, 400, "invalid_parameter",
                    "lang must be one of " + ruleSet.messages().languages());
            return;
        }
        if (rawMessage) {
            handleRawMessage(ctx, ruleSet, lang);
            return;
        }
        String explain = ctx.queryParams().get("explain");
        if (explain != null && !explain.equals("full")) {
            ErrorResponses.send(ctx, 400, "invalid_parameter", "explain must be full (or left out), not " + explain);
            return;
        }
        boolean explainFull = explain != null;
        BounceInput input;
        try {
            input = BounceInputParser.parse(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
        } catch (InputException e) {
            ErrorResponses.send(ctx, 400, e.code(), e.getMessage());
            return;
        }
        ctx.vertx().executeBlocking(() -> {
                    Classification c = metrics.timeClassification(() -> ruleSet.classify(input, lang));
                    metrics.classified(c);
                    // encoded here too: the event loop only parses and writes
                    return (explainFull ? ClassificationJson.toJson(c, NearMisses.of(ruleSet, c))
                            : ClassificationJson.toJson(c)).toBuffer();
                }, false)
                .onSuccess(json -> sendJson(ctx, json))
                .onFailure(ctx::fail);
    }

    private void handleRawMessage(RoutingContext ctx, RuleSet ruleSet, String lang) {
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            ErrorResponses.send(ctx, 400, "empty_body", "the body is empty: send the bounce e-mail as it arrived, "
                    + "headers included (curl --data-binary @bounce.eml)");
            return;
        }
        byte[] raw = body.getBytes();
        ctx.vertx().executeBlocking(() -> {
                    ClassifiedMessage message = metrics.timeClassification(
                            () -> ClassifiedMessage.classify(mailParser.parse(raw), ruleSet, lang));
                    message.results().forEach(r -> metrics.classified(r.classification()));
                    return MessageResultJson.toJson(message).toBuffer();
                }, false)
                .onSuccess(json -> sendJson(ctx, json))
                .onFailure(ctx::fail);
    }

    static void sendJson(RoutingContext ctx, JsonObject json) {
        sendJson(ctx, json.toBuffer());
    }

    static void sendJson(RoutingContext ctx, Buffer json) {
        ctx.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(json);
    }
}
