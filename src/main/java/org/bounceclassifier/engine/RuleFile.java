package org.bounceclassifier.engine;

/**
 * One file of a rule set.
 *
 * @param path relative to the rules directory, with forward slashes
 * @param sha256 hex digest of its bytes
 * @param rules how many rules it defines (0 for message and data files)
 */
public record RuleFile(String path, String sha256, int rules) {
}
