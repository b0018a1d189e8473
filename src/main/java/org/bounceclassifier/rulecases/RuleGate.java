package org.bounceclassifier.rulecases;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bounceclassifier.engine.RuleProblem;
import org.bounceclassifier.engine.RuleSet;

/**
 * The gate a compiled rule set passes before it serves: every case of the cases directory and
 * every rule example. {@code test-rules}, start-up and (later) reloads all use this one check.
 */
public final class RuleGate {
    /** Every check's result; {@code cases} counts the rule cases among them. */
    public record Report(List<RuleChecks.Result> results, int cases) {
        public List<RuleChecks.Result> failures() {
            return results.stream().filter(r -> !r.passed()).toList();
        }

        public long passed() {
            return results.size() - failures().size();
        }

        public boolean ok() {
            return failures().isEmpty();
        }

        /** The closing line test runners print: {@code N passed, M failed}. */
        public String summary() {
            return passed() + " passed, " + failures().size() + " failed";
        }
    }

    private RuleGate() {
    }

    public static Report check(RuleSet rules, Path casesDir) {
        RuleCaseLoader.Loaded loaded = RuleCaseLoader.load(casesDir);
        List<RuleChecks.Result> results = new ArrayList<>();
        for (RuleProblem p : loaded.problems()) {
            results.add(new RuleChecks.Result(p.toString(), false, "the case cannot be read"));
        }
        for (RuleCase c : loaded.cases()) {
            results.add(RuleChecks.runCase(rules, c));
        }
        results.addAll(RuleChecks.runExamples(rules));
        return new Report(List.copyOf(results), loaded.cases().size());
    }
}
