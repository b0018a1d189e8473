package org.bounceclassifier.engine;

/**
 * A regular expression that some rule names and that matches the normalized diagnostic text.
 *
 * <p>For wording with variable parts ("user ... does not exist"). Rules write
 * {@code PatternMatch( regex == "user .{1,60} does not exist" )}; the expression is compiled once
 * per rule set with RE2/J, whose matching time is linear in the text, so no pattern can hang a
 * request by backtracking.
 */
public final class PatternMatch {
    private final String regex;

    public PatternMatch(String regex) {
        this.regex = regex;
    }

    /** The expression exactly as the rule wrote it. */
    public String getRegex() {
        return regex;
    }

    @Override
    public String toString() {
        return "PatternMatch[" + regex + "]";
    }
}
