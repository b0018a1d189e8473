package org.bounceclassifier.engine;

/**
 * Something wrong with the rules directory, said where an expert can find it.
 *
 * @param file the file relative to the rules directory, or null when the problem is not in one file
 * @param line the 1-based line, or 0 when unknown
 * @param message what is wrong and, where possible, what to write instead
 */
public record RuleProblem(String file, int line, String message) {
    @Override
    public String toString() {
        if (file == null) {
            return message;
        }
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
