package org.bounceclassifier.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.kie.api.runtime.rule.RuleContext;

/**
 * The answer being built: created by the decision step from the winning candidate, adjusted by
 * decision rules (bounce type) and completed by remediation rules (action, retry delay).
 */
public final class Decision {
    private final Category category;
    private final String winningRule;
    private BounceType bounceType;
    private Action action;
    private Integer retryAfterSeconds;
    private final List<Candidate> support = new ArrayList<>();
    private final List<String> adjustedBy = new ArrayList<>();
    private String remediatedBy;
    private boolean countsAsSoftBounce;

    public Decision(Category category, String winningRule) {
        this.category = category;
        this.winningRule = winningRule;
        this.bounceType = category.defaultType();
    }

    /** The decision for the strongest candidate; its type starts as the category's default. */
    public static Decision of(Candidate winner) {
        return new Decision(winner.getCategory(), winner.getRuleName());
    }

    /**
     * A decision rule reads the strongest candidate's evidence as another category (a domain
     * "not found" that the sending server will look up again is a temporary DNS failure): the
     * candidate's rule and the deciding rule both explain the answer.
     */
    public static Decision reread(RuleContext rule, Candidate basis, Category category) {
        Decision d = new Decision(category, basis.getRuleName());
        d.adjustedBy.add(rule.getRule().getName());
        return d;
    }

    /** The decision when no evidence rule proposed anything. */
    public static Decision nothingMatched(RuleContext rule) {
        Decision d = new Decision(Category.UNKNOWN, rule.getRule().getName());
        return d;
    }

    public Category getCategory() {
        return category;
    }

    public BounceType getBounceType() {
        return bounceType;
    }

    public Action getAction() {
        return action;
    }

    public Integer getRetryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The rule that proposed the winning candidate (or decided "unknown"). */
    public String getWinningRule() {
        return winningRule;
    }

    /** Records a candidate for the same category as further support for this decision. */
    public void addSupport(Candidate candidate) {
        if (candidate.getCategory() == category && !support.contains(candidate)) {
            support.add(candidate);
        }
    }

    /** A decision rule changes the bounce type; its name becomes part of the explanation. */
    public void overrideType(RuleContext rule, BounceType type) {
        this.bounceType = type;
        adjustedBy.add(rule.getRule().getName());
    }

    /** A remediation rule sets what to do; a later remediation rule may refine it. */
    public void remediate(RuleContext rule, Action action, Integer retryAfterSeconds) {
        this.action = action;
        this.retryAfterSeconds = retryAfterSeconds;
        this.remediatedBy = rule.getRule().getName();
    }

    /**
     * A decision rule says this failure counts toward the recipient's run of soft bounces in a
     * row (the run the recipient ledger keeps and the escalation rule reads).
     */
    public void countAsSoftBounce() {
        this.countsAsSoftBounce = true;
    }

    public boolean countsAsSoftBounce() {
        return countsAsSoftBounce;
    }

    public String getRemediatedBy() {
        return remediatedBy;
    }

    /**
     * The rules that explain this answer: every evidence rule that proposed the winning category,
     * strongest first, then the decision rules that adjusted it.
     */
    public List<String> explanation() {
        List<String> names = new ArrayList<>();
        if (support.isEmpty()) {
            names.add(winningRule);
        }
        support.stream()
                .sorted(Comparator.comparingInt(Candidate::getStrength).reversed().thenComparing(Candidate::getRuleName))
                .map(Candidate::getRuleName)
                .distinct()
                .forEach(names::add);
        names.addAll(adjustedBy);
        return names;
    }
}
