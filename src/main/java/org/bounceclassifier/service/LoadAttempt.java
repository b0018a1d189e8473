package org.bounceclassifier.service;

import java.time.Instant;
import java.util.List;
import org.bounceclassifier.engine.RuleProblem;
import org.bounceclassifier.rulecases.RuleChecks;

/**
 * The outcome of one attempt to load the rules directory: accepted, or why not.
 *
 * @param trigger what started it: {@code startup}, {@code watch} (a file changed) or {@code api}
 * @param version the version of the accepted rule set; for a rule set that compiled but failed
 *     the gate, the version it would have had (never served), else null
 * @param problems compile and consistency errors with file and line
 * @param failedChecks rule cases and examples that failed the gate
 * @param unexercisedRules warnings, not failures: "file:line: rule name" of evidence rules that no
 *     rule case exercises (empty when the gate did not run)
 * @param impact how the candidate's answers differ from the serving set's on the traffic sample
 *     and in the ledger; null when there was nothing to compare (the first load, a set that did
 *     not compile) or no check was configured
 * @param refusal why a set that passed the gate was refused ({@code --max-impact}), or null
 */
public record LoadAttempt(Instant at, String trigger, boolean ok, String version, long durationMillis,
                          List<RuleProblem> problems, List<RuleChecks.Result> failedChecks,
                          List<String> unexercisedRules, RuleImpact.Report impact, String refusal) {

    public LoadAttempt(Instant at, String trigger, boolean ok, String version, long durationMillis,
                       List<RuleProblem> problems, List<RuleChecks.Result> failedChecks,
                       List<String> unexercisedRules) {
        this(at, trigger, ok, version, durationMillis, problems, failedChecks, unexercisedRules, null, null);
    }

    /** One line for the log. */
    public String summary() {
        String measured = impact == null ? "" : "; " + ImpactText.summary(impact);
        if (ok) {
            return "rules " + version + " loaded (" + trigger + ") in " + durationMillis + " ms" + measured;
        }
        return "rules rejected (" + trigger + ") after " + durationMillis + " ms, still serving the previous set: "
                + (refusal == null ? "" : refusal + "; ")
                + problems.size() + " errors, " + failedChecks.size() + " failed checks"
                + (problems.isEmpty() ? "" : "; first: " + problems.get(0))
                + (failedChecks.isEmpty() ? "" : "; first failed: " + failedChecks.get(0).title()) + measured;
    }
}
