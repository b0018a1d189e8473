package org.bounceclassifier.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The rules did not settle: one phase of a classification reached
 * {@link RuleSet#MAX_FIRINGS_PER_PHASE} firings, which only a rule that keeps re-triggering itself
 * does. The classification is abandoned instead of hanging a worker; the gate turns this into a
 * failed check, so such a rule set never serves if any case or example shows the loop.
 */
public final class RuleLoopException extends RuleEvaluationException {
    private final List<String> rules;

    public RuleLoopException(String phase, List<String> mostFired, int firings) {
        super("the " + phase + " rules did not settle after " + firings + " firings; fired most: "
                + mostFired.stream().map(r -> "\"" + r + "\"").collect(Collectors.joining(", "))
                + " (one of them re-triggers itself: a modify/update of a fact it matches)", null);
        this.rules = List.copyOf(mostFired);
    }

    /** The rules that fired most: the loop is among them (its victims fire as often). */
    public List<String> rules() {
        return rules;
    }
}
