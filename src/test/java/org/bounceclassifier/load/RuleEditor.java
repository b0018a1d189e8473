package org.bounceclassifier.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Edits a copy of the rules the way an expert would, for the load scripts: a good edit renames the
 * English label of {@code mailbox_full} to "Mailbox full vN"; a bad edit renames it to
 * "REJECTED vN" and breaks a rule, either so it does not compile or so it fails the rule cases.
 * The order of the writes keeps every state a reload can observe honest: a REJECTED label is only
 * ever on disk together with a break. Writes go to a temporary file renamed over the target, as
 * editors do.
 */
final class RuleEditor implements AutoCloseable {
    static final String REJECTED = "REJECTED";
    private static final String LABEL_LINE = "  label: ";

    private final Path en;
    private final Path full;
    private final String enOriginal;
    private final String fullOriginal;
    private final String label;
    private int edits;

    RuleEditor(Path rules) throws IOException {
        this.en = rules.resolve("messages/en.yaml");
        this.full = rules.resolve("text/mailbox-full.drl");
        this.enOriginal = Files.readString(en);
        this.fullOriginal = Files.readString(full);
        this.label = enOriginal.lines().dropWhile(l -> !l.equals("mailbox_full:")).skip(1).findFirst()
                .filter(l -> l.startsWith(LABEL_LINE))
                .orElseThrow(() -> new IllegalStateException("en.yaml has no label line under mailbox_full:"));
    }

    /** Alternates good and bad edits, starting with a good one; returns whether this one was good. */
    boolean next() throws IOException {
        edits++;
        if (edits % 2 == 1) {
            save(en, enOriginal.replace(label, LABEL_LINE + "Mailbox full v" + edits));
            save(full, fullOriginal);
            return true;
        }
        // alternate the two ways an edit goes wrong: it does not compile, or it breaks the cases
        save(full, edits % 4 == 0
                ? fullOriginal.replaceFirst("\nthen\n", "\nthen this is not java\n")
                : fullOriginal.replace("Category.MAILBOX_FULL", "Category.BAD_MAILBOX"));
        save(en, enOriginal.replace(label, LABEL_LINE + REJECTED + " v" + edits));
        return false;
    }

    @Override
    public void close() throws IOException {
        save(en, enOriginal);
        save(full, fullOriginal);
    }

    private static void save(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
