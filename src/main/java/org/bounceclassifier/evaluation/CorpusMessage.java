package org.bounceclassifier.evaluation;

/**
 * One e-mail of a corpus.
 *
 * @param name how the labels file and the reports name it: the file name in a folder, the
 *     file name under {@code cur/} or {@code new/} in a maildir, {@code FILE#N} for the Nth
 *     message (from 1) of an mbox
 */
public record CorpusMessage(String name, byte[] raw) {
}
