package org.bounceclassifier.engine;

/**
 * A phrase that some rule names and that occurs in the normalized diagnostic text.
 *
 * <p>The engine finds every such phrase in one pass over the text (see {@link TextMatcher}) and
 * inserts one fact per phrase found, so a text rule is a constant-time lookup, not a scan: rules
 * write {@code Phrase( text == "user unknown" )}.
 */
public final class Phrase {
    private final String text;

    public Phrase(String text) {
        this.text = text;
    }

    /** The phrase exactly as the rule wrote it. */
    public String getText() {
        return text;
    }

    @Override
    public String toString() {
        return "Phrase[" + text + "]";
    }
}
