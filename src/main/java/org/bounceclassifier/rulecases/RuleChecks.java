package org.bounceclassifier.rulecases;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bounceclassifier.api.BounceInputParser;
import org.bounceclassifier.api.InputException;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.Candidate;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.engine.RuleEvaluationException;
import org.bounceclassifier.engine.RuleInfo;
import org.bounceclassifier.engine.RuleSet;

/**
 * The checks a rule set must pass before it serves: every case of {@code rules-tests/} gives its
 * expected answer, and every text rule recognizes its own {@code @example} texts and classifies
 * them into the category it proposes.
 */
public final class RuleChecks {
    /** The language checks run in; the texts do not affect the outcome. */
    private static final String CHECK_LANGUAGE = "en";

    /** One check's outcome; {@code message} says expected and got when it failed. */
    public record Result(String title, boolean passed, String message) {
    }

    /**
     * One case run: its result, the category it ended in (null when the input was refused) and
     * the evidence rules that proposed a candidate, whichever category won.
     */
    public record CaseRun(RuleCase ruleCase, Result result, Category got, Set<String> proposingRules) {
    }

    private RuleChecks() {
    }

    public static Result runCase(RuleSet rules, RuleCase c) {
        return run(rules, c).result();
    }

    /** Runs one case and keeps what the coverage and statistics reports need. */
    public static CaseRun run(RuleSet rules, RuleCase c) {
        BounceInput input;
        try {
            input = BounceInputParser.parse(c.input());
        } catch (InputException e) {
            return new CaseRun(c, new Result(c.title(), false, "the input is refused as the API would refuse it: "
                    + e.getMessage()), null, Set.of());
        }
        Classification got;
        try {
            got = rules.classify(input, CHECK_LANGUAGE);
        } catch (RuleEvaluationException e) {
            return new CaseRun(c, new Result(c.title(), false, e.getMessage() + "\n    input: " + c.input().encode()),
                    null, Set.of());
        }
        Set<String> proposing = new LinkedHashSet<>();
        got.candidates().forEach(candidate -> proposing.add(candidate.getRuleName()));
        return new CaseRun(c, verdict(c, got), got.category(), Set.copyOf(proposing));
    }

    private static Result verdict(RuleCase c, Classification got) {
        List<String> wrong = new ArrayList<>();
        RuleCase.Expectation expect = c.expect();
        if (!expect.category().equals(got.category().id())) {
            wrong.add("category: expected " + expect.category() + ", got " + got.category().id());
        }
        if (expect.bounceType() != null && !expect.bounceType().equals(got.bounceType().id())) {
            wrong.add("bounceType: expected " + expect.bounceType() + ", got " + got.bounceType().id());
        }
        if (expect.action() != null && !expect.action().equals(got.action().id())) {
            wrong.add("action: expected " + expect.action() + ", got " + got.action().id());
        }
        if (expect.retryAfterSecondsGiven() && !Objects.equals(expect.retryAfterSeconds(), got.retryAfterSeconds())) {
            wrong.add("retryAfterSeconds: expected " + expect.retryAfterSeconds() + ", got " + got.retryAfterSeconds());
        }
        if (expect.countsAsSoftBounce() != null && expect.countsAsSoftBounce() != got.countsAsSoftBounce()) {
            wrong.add("countsAsSoftBounce: expected " + expect.countsAsSoftBounce() + ", got "
                    + got.countsAsSoftBounce());
        }
        if (wrong.isEmpty()) {
            return new Result(c.title(), true, "");
        }
        return new Result(c.title(), false, String.join("; ", wrong) + describe(c.input().encode(), got));
    }

    /** Checks every example of every text rule; a text rule without examples fails too. */
    public static List<Result> runExamples(RuleSet rules) {
        // in parallel when called on the gate's pool; the order of the results stays the rules' order
        return rules.rules().values().stream()
                .filter(RuleInfo::isTextRule)
                .filter(r -> RuleInfo.EVIDENCE.equals(r.phase()))
                .sorted((a, b) -> a.file().equals(b.file()) ? Integer.compare(a.line(), b.line()) : a.file().compareTo(b.file()))
                .toList()
                .parallelStream()
                .flatMap(rule -> checkExamples(rules, rule).stream())
                .toList();
    }

    private static List<Result> checkExamples(RuleSet rules, RuleInfo rule) {
        String title = rule.file() + ":" + rule.line() + ": rule \"" + rule.name() + "\"";
        if (rule.examples().isEmpty()) {
            return List.of(new Result(title, false, "has no @example: add a diagnostic text it must recognize"));
        }
        List<Result> results = new ArrayList<>();
        for (String example : rule.examples()) {
            String exampleTitle = title + " example \"" + example + "\"";
            Classification got;
            try {
                got = rules.classify(BounceInput.ofDiagnostic(example), CHECK_LANGUAGE);
            } catch (RuleEvaluationException e) {
                results.add(new Result(exampleTitle, false, e.getMessage()));
                continue;
            }
            Candidate own = got.candidates().stream()
                    .filter(c -> c.getRuleName().equals(rule.name()))
                    .findFirst()
                    .orElse(null);
            if (own == null) {
                results.add(new Result(exampleTitle, false, "the rule does not fire on its own example"
                        + describe(example, got)));
            } else if (own.getCategory() != got.category()) {
                results.add(new Result(exampleTitle, false, "the example ends in " + got.category().id()
                        + ", not in the rule's own category " + own.getCategory().id() + describe(example, got)));
            } else {
                results.add(new Result(exampleTitle, true, ""));
            }
        }
        return results;
    }

    private static String describe(String input, Classification got) {
        return "\n    input: " + input
                + "\n    got: " + got.category().id() + " / " + got.bounceType().id() + " / " + got.action().id()
                + " / retry " + got.retryAfterSeconds() + " / counts as soft bounce " + got.countsAsSoftBounce()
                + "\n    matched rules: " + got.matchedRuleNames()
                + "\n    all candidates: " + got.candidates();
    }
}
