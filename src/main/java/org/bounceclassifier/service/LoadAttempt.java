package org.bounceclassifier.service;

import java.time.Instant;
import java.util.List;
import org.bounceclassifier.engine.RuleProblem;
import org.bounceclassifier.rulecases.RuleChecks;

/**
 * The outcome of one attempt to load the rules directory: accepted, or why not.
 *
 * @param version the version of the accepted rule set, or null when rejected
 * @param problems compile and consistency errors with file and line
 * @param failedChecks rule cases and examples that failed the gate
 */
public record LoadAttempt(Instant at, boolean ok, String version, long durationMillis,
                          List<RuleProblem> problems, List<RuleChecks.Result> failedChecks) {

    /** One line for the log. */
    public String summary() {
        if (ok) {
            return "rules " + version + " loaded in " + durationMillis + " ms";
        }
        return "rules rejected after " + durationMillis + " ms: " + problems.size() + " errors, "
                + failedChecks.size() + " failed checks"
                + (problems.isEmpty() ? "" : "; first: " + problems.get(0))
                + (failedChecks.isEmpty() ? "" : "; first failed: " + failedChecks.get(0).title());
    }
}
