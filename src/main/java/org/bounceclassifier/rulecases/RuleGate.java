package org.bounceclassifier.rulecases;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.Set;
import org.bounceclassifier.engine.RuleInfo;
import org.bounceclassifier.engine.RuleProblem;
import org.bounceclassifier.engine.RuleSet;

/**
 * The gate a compiled rule set passes before it serves: every case of the cases directory and
 * every rule example. {@code test-rules}, start-up and reloads all use this one check.
 */
public final class RuleGate {
    /**
     * Every check's result, every case run, and the evidence rules that no case exercised.
     *
     * @param unexercisedRules evidence rules that proposed a candidate in no rule case (their own
     *     {@code @example} texts do not count): a warning, not a failure, sorted by file and line
     */
    public record Report(List<RuleChecks.Result> results, List<RuleChecks.CaseRun> caseRuns,
                         List<RuleInfo> unexercisedRules) {
        public List<RuleChecks.Result> failures() {
            return results.stream().filter(r -> !r.passed()).toList();
        }

        /** The number of rule cases run (case files' unreadable entries are failures, not cases). */
        public int cases() {
            return caseRuns.size();
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

    /** The gate's own pool, so its parallel streams do not queue behind other work on the common pool. */
    private static final ForkJoinPool CHECKS = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
            pool -> {
                ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setName("rule-gate-" + t.getPoolIndex());
                t.setDaemon(true);
                return t;
            }, null, false);

    private RuleGate() {
    }

    /**
     * Runs every check, spread over all cores: a reload waits for the gate, and checks are
     * independent (a rule set classifies from any number of threads).
     */
    public static Report check(RuleSet rules, Path casesDir) {
        RuleCaseLoader.Loaded loaded = RuleCaseLoader.load(casesDir);
        List<RuleChecks.Result> results = new ArrayList<>();
        for (RuleProblem p : loaded.problems()) {
            results.add(new RuleChecks.Result(p.toString(), false, "the case cannot be read"));
        }
        List<RuleChecks.CaseRun> runs;
        List<RuleChecks.Result> examples;
        try {
            runs = CHECKS.submit(() -> loaded.cases().parallelStream().map(c -> RuleChecks.run(rules, c)).toList())
                    .get();
            examples = CHECKS.submit(() -> RuleChecks.runExamples(rules)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking rules", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        runs.forEach(run -> results.add(run.result()));
        results.addAll(examples);
        return new Report(List.copyOf(results), List.copyOf(runs), unexercised(rules, runs));
    }


    /** Evidence rules that proposed a candidate in none of the case runs. */
    static List<RuleInfo> unexercised(RuleSet rules, List<RuleChecks.CaseRun> runs) {
        Set<String> exercised = new HashSet<>();
        runs.forEach(run -> exercised.addAll(run.proposingRules()));
        return rules.rules().values().stream()
                .filter(r -> RuleInfo.EVIDENCE.equals(r.phase()))
                .filter(r -> !exercised.contains(r.name()))
                .sorted(Comparator.comparing(RuleInfo::file).thenComparingInt(RuleInfo::line))
                .toList();
    }
}
