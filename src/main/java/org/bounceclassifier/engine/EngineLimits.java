package org.bounceclassifier.engine;

/**
 * Bounds on what one classification may cost, whatever the input.
 *
 * @param maxDiagnosticChars the part of a diagnostic text the rules see; the rest is ignored.
 *     Receivers put the reason first, and a real diagnostic is a few hundred characters, so the
 *     default is generous; it keeps a 10 MB diagnostic from costing 10 MB of matching.
 */
public record EngineLimits(int maxDiagnosticChars) {
    public static final int DEFAULT_MAX_DIAGNOSTIC_CHARS = 16 * 1024;
    public static final EngineLimits DEFAULT = new EngineLimits(DEFAULT_MAX_DIAGNOSTIC_CHARS);

    public EngineLimits {
        if (maxDiagnosticChars < 1) {
            throw new IllegalArgumentException("maxDiagnosticChars must be at least 1, got " + maxDiagnosticChars);
        }
    }
}
