package org.bounceclassifier.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import org.bounceclassifier.api.BatchItems;
import org.bounceclassifier.api.BounceInputParser;
import org.bounceclassifier.api.InputException;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ServiceMetrics;

/**
 * {@code POST /v1/classify/batch}: many structured bounces at once.
 *
 * <ul>
 *   <li>a JSON array in ({@code application/json}), an array of answers out, in the same order;
 *   at most {@link HttpConfig#maxBatchItems()} items, and the body within the body limit;</li>
 *   <li>NDJSON in ({@code application/x-ndjson}), NDJSON out, streamed: see {@link NdjsonStream}.</li>
 * </ul>
 *
 * <p>An item that cannot be classified gets the error object a single request would get
 * ({@code {"error": ..., "message": ...}}) in its place; the batch itself succeeds.
 */
final class BatchHandler {
    static final String NDJSON = "application/x-ndjson";
    /** The other name NDJSON goes by. */
    static final String NDJSON_ALT = "application/ndjson";

    private final CurrentRules rules;
    private final ServiceMetrics metrics;
    private final HttpConfig config;

    BatchHandler(CurrentRules rules, ServiceMetrics metrics, HttpConfig config) {
        this.rules = rules;
        this.metrics = metrics;
        this.config = config;
    }

    /** A JSON array (the body is already read, within the body limit). */
    void array(RoutingContext ctx) {
        if (!MediaTypes.isJson(ctx.request().getHeader("Content-Type"))) {
            ErrorResponses.send(ctx, 415, "unsupported_media_type", "send the batch as a JSON array with "
                    + "Content-Type: application/json, or as NDJSON with Content-Type: " + NDJSON);
            return;
        }
        RuleSet ruleSet = rules.get();
        String lang = language(ctx, ruleSet);
        if (lang == null) {
            return;
        }
        JsonArray items;
        try {
            items = parseArray(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
        } catch (InputException e) {
            ErrorResponses.send(ctx, 400, e.code(), e.getMessage());
            return;
        }
        if (items.size() > config.maxBatchItems()) {
            ErrorResponses.send(ctx, 413, "batch_too_large", "the batch has " + items.size() + " items; send at most "
                    + config.maxBatchItems() + " per request (or NDJSON, which has no limit), or raise --max-batch-items");
            return;
        }
        ctx.vertx().executeBlocking(() -> {
                    JsonArray answers = new JsonArray();
                    for (Object item : items) {
                        answers.add(BatchItems.answer(item, ruleSet, lang, metrics::classified));
                    }
                    return answers.encode();
                }, false)
                .onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(json))
                .onFailure(ctx::fail);
    }

    private static JsonArray parseArray(byte[] body) throws InputException {
        String text = BounceInputParser.utf8(body);
        if (text.isBlank()) {
            throw new InputException("empty_body", "the body is empty: send a JSON array of bounces such as "
                    + "[{\"smtpCode\": 550, \"diagnostic\": \"550 5.1.1 User unknown\"}]");
        }
        Object value;
        try {
            value = Json.decodeValue(text);
        } catch (DecodeException e) {
            throw new InputException("malformed_json", "the body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (!(value instanceof JsonArray array)) {
            throw new InputException("malformed_json", "the body of a batch must be a JSON array of bounces, not "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return array;
    }

    /** NDJSON: read as a stream, never as a whole body. */
    void ndjson(RoutingContext ctx) {
        RuleSet ruleSet = rules.get();
        String lang = language(ctx, ruleSet);
        if (lang == null) {
            return;
        }
        int maxLineBytes = (int) Math.min(Integer.MAX_VALUE, config.maxBodyBytes());
        new NdjsonStream(ctx.vertx(), ctx.request(), rules, metrics, lang, maxLineBytes).start();
    }

    private String language(RoutingContext ctx, RuleSet ruleSet) {
        String lang = Language.choose(ctx, ruleSet.messages().languages(), config.defaultLang());
        if (lang == null) {
            ErrorResponses.send(ctx, 400, "invalid_parameter", "lang must be one of " + ruleSet.messages().languages());
        }
        return lang;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
