package org.bounceclassifier.rulecases;

import io.vertx.core.json.JsonObject;

/**
 * One regression case from {@code rules-tests/}: a bounce as a caller would send it and the
 * answer the rules must give.
 *
 * @param file the case file, relative to the cases directory
 * @param name the case's name, unique in its file
 * @param input the same JSON object {@code POST /v1/classify} takes
 * @param receiver the receiver family whose wording the case shows (e.g. "Gmail"), or null
 */
public record RuleCase(String file, String name, JsonObject input, Expectation expect, String receiver) {

    /**
     * What the answer must be. Only the category is required; the other fields are checked when
     * the case gives them ({@code retryAfterSecondsGiven} tells an explicit null from an absent
     * field; {@code countsAsSoftBounce} is null when the case does not say).
     */
    public record Expectation(String category, String bounceType, String action, boolean retryAfterSecondsGiven,
                              Integer retryAfterSeconds, Boolean countsAsSoftBounce) {
    }

    /** How a failure names the case: {@code bad_mailbox.yaml: Postfix virtual mailbox table}. */
    public String title() {
        return file + ": " + name;
    }
}
