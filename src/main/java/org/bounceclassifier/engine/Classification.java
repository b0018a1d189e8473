package org.bounceclassifier.engine;

import java.util.List;

/**
 * The answer for one failed recipient, in one language.
 *
 * @param matchedRules the rules that decided, strongest evidence first
 * @param candidates every proposal the evidence rules made, for explanations and rule checks
 * @param countsAsSoftBounce whether the rules count this failure toward the recipient's run of soft
 *     bounces in a row (a failure on the recipient's side; refusals of the sender do not count)
 * @param evidence the normalized facts the rules looked at (codes read from the text, the text as
 *     matched, domains, reporting MTA), so an answer can show what it was based on
 * @param firedRules every rule that fired in any phase (evidence, decide, remediate), once each
 */
public record Classification(
        Category category,
        BounceType bounceType,
        Action action,
        String label,
        String remediation,
        Integer retryAfterSeconds,
        Integer smtpCode,
        String enhancedStatus,
        List<MatchedRule> matchedRules,
        List<Candidate> candidates,
        boolean countsAsSoftBounce,
        String rulesVersion,
        Evidence evidence,
        List<String> firedRules) {

    /** A rule named in an explanation, with the file it lives in. */
    public record MatchedRule(String name, String file) {
    }

    public List<String> matchedRuleNames() {
        return matchedRules.stream().map(MatchedRule::name).toList();
    }
}
