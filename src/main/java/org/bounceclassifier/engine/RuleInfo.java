package org.bounceclassifier.engine;

import java.util.List;

/**
 * What the service knows about one loaded rule, for explanations, the rules report and the
 * example check.
 *
 * @param name the rule's name, unique in the rule set
 * @param file the file it is in, relative to the rules directory
 * @param line the line of its {@code rule} keyword
 * @param phase "evidence", "decide" or "remediate" (its ruleflow group)
 * @param phrases the phrases its {@code Phrase} patterns name
 * @param regexes the expressions its {@code PatternMatch} patterns name
 * @param examples diagnostic texts the rule must recognize, from its {@code @example} metadata
 * @param source who words bounces this way (a provider or MTA), from its {@code @source} metadata
 * @param receivers the receiver families whose wording the rule knows, from its {@code @receiver}
 *     metadata (comma-separated, e.g. {@code @receiver("Gmail, Yahoo/AOL")}); empty for generic rules
 * @param category the one category the rule proposes, or null for decision and remediation rules
 *     (and for an evidence rule that names no or several categories)
 */
public record RuleInfo(
        String name,
        String file,
        int line,
        String phase,
        List<String> phrases,
        List<String> regexes,
        List<String> examples,
        String source,
        List<String> receivers,
        Category category) {

    public static final String EVIDENCE = "evidence";
    public static final String DECIDE = "decide";
    public static final String REMEDIATE = "remediate";

    /** A rule that looks at the diagnostic text. */
    public boolean isTextRule() {
        return !phrases.isEmpty() || !regexes.isEmpty();
    }
}
