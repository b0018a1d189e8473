package org.bounceclassifier.engine;

import java.util.List;
import java.util.stream.Collectors;

/** A rules directory that cannot become a rule set, with every problem found. */
public final class RuleSetException extends Exception {
    private final List<RuleProblem> problems;

    public RuleSetException(List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public RuleSetException(RuleProblem problem) {
        this(List.of(problem));
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
