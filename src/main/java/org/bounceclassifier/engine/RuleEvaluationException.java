package org.bounceclassifier.engine;

/**
 * A rule failed while classifying (its consequence threw, or the rules did not settle). The input
 * is not to blame; the rule set is. The gate reports it as a failed check; at run time the request
 * gets an error naming the rule, and the next request is unaffected.
 */
public class RuleEvaluationException extends RuntimeException {
    public RuleEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
