package org.bounceclassifier.api;

import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.engine.RuleEvaluationException;
import org.bounceclassifier.engine.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One item of a batch (an element of a JSON array, or a line of NDJSON), answered on its own: its
 * classification, or in its place the error a single request would have got, so that one bad item
 * never fails the batch. The HTTP batch endpoint and the command line use the same answers.
 */
public final class BatchItems {
    private static final Logger LOG = LoggerFactory.getLogger(BatchItems.class);

    private BatchItems() {
    }

    /** An item of a JSON array: it must be an object, like the body of {@code POST /v1/classify}. */
    public static JsonObject answer(Object item, RuleSet rules, String lang, Consumer<Classification> classified) {
        if (!(item instanceof JsonObject object)) {
            return error("malformed_json", "each item must be a JSON object such as {\"smtpCode\": 550, "
                    + "\"diagnostic\": \"...\"}, not " + kind(item));
        }
        try {
            return classify(BounceInputParser.parse(object), rules, lang, classified);
        } catch (InputException e) {
            return error(e.code(), e.getMessage());
        }
    }

    /** A line of NDJSON as it arrived; errors name the line. */
    public static JsonObject answerLine(NdjsonLines.Line line, int maxLineBytes, RuleSet rules, String lang,
                                        Consumer<Classification> classified) {
        if (line.tooLong()) {
            return error("line_too_long", "line " + line.number() + " is longer than " + maxLineBytes
                    + " bytes: one bounce per line, or raise the limit");
        }
        try {
            return classify(BounceInputParser.parse(line.bytes()), rules, lang, classified);
        } catch (InputException e) {
            return error(e.code(), "line " + line.number() + ": " + e.getMessage());
        }
    }

    private static JsonObject classify(BounceInput input, RuleSet rules, String lang,
                                       Consumer<Classification> classified) {
        try {
            Classification c = rules.classify(input, lang);
            classified.accept(c);
            return ClassificationJson.toJson(c);
        } catch (RuleEvaluationException e) {
            LOG.error("rule failure in a batch item: {}", e.getMessage());
            return error("rule_error", "the rules failed on this item: " + e.getMessage());
        }
    }

    private static String kind(Object item) {
        if (item == null) {
            return "null";
        }
        if (item instanceof String) {
            return "a string";
        }
        if (item instanceof Number) {
            return "a number";
        }
        if (item instanceof Boolean) {
            return "a boolean";
        }
        return "an array";
    }

    public static JsonObject error(String code, String message) {
        return new JsonObject().put("error", code).put("message", message);
    }
}
