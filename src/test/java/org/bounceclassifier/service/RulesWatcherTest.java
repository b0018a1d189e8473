package org.bounceclassifier.service;

import static org.bounceclassifier.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.engine.BounceInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edits in the rules directory take effect by themselves; bad edits never serve. The waits are
 * deadlines (see Waits): they check that a reload happens, not how fast.
 */
class RulesWatcherTest {
    private static String englishLabel(CurrentRules rules) {
        return rules.get().classify(BounceInput.ofDiagnostic("552 5.2.2 Mailbox full"), "en").label();
    }

    /** Writes the way editors do: a temporary file beside the target, renamed over it. */
    private static void saveLikeAnEditor(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".swp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void editsServeBrokenEditsDoNotAndFixesServeAgain(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyOfRules(tmp);
        Path cases = TestRules.copyOfCases(tmp);
        List<LoadAttempt> attempts = new CopyOnWriteArrayList<>();
        try (CurrentRules current = new CurrentRules(rules, cases, true)) {
            assertTrue(current.load().ok());
            current.onAttempt(attempts::add);
            try (RulesWatcher watcher = RulesWatcher.start(current)) {
                // 1. an edited text serves
                Path en = rules.resolve("messages/en.yaml");
                String original = Files.readString(en);
                String before = englishLabel(current);
                saveLikeAnEditor(en, original.replace("label: " + before, "label: Inbox over its limit"));
                await("the edited label serves", () -> englishLabel(current).equals("Inbox over its limit"));
                String goodVersion = current.get().version();

                // 2. a broken rule file is reported with its line, and the last good rules keep serving
                Path full = rules.resolve("text/mailbox-full.drl");
                String fullText = Files.readString(full);
                saveLikeAnEditor(full, fullText.replaceFirst("\nthen\n", "\nthen oops\n"));
                await("the broken edit is rejected", () -> current.lastAttempt() != null && !current.lastAttempt().ok());
                LoadAttempt rejected = current.lastAttempt();
                assertTrue(rejected.problems().stream().anyMatch(p -> "text/mailbox-full.drl".equals(p.file())
                        && p.line() > 0), rejected.problems().toString());
                assertEquals(goodVersion, current.get().version());
                assertEquals("Inbox over its limit", englishLabel(current));

                // 3. the fix serves again
                saveLikeAnEditor(full, fullText);
                await("the fixed rules serve", () -> current.lastAttempt().ok()
                        && current.lastAttempt().at().isAfter(rejected.at()));
                assertEquals(goodVersion, current.get().version(), "the same files again: the same version");
                assertTrue(attempts.stream().allMatch(a -> CurrentRules.WATCH.equals(a.trigger())));
            }
        }
    }

    @Test
    void aBurstOfChangesIsOneReload(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyOfRules(tmp);
        List<LoadAttempt> attempts = new CopyOnWriteArrayList<>();
        try (CurrentRules current = new CurrentRules(rules, tmp.resolve("no-cases"), false)) {
            assertTrue(current.load().ok());
            current.onAttempt(attempts::add);
            try (RulesWatcher watcher = RulesWatcher.start(current)) {
                // like a git pull: many files change within a few milliseconds, a new folder among them
                Files.createDirectories(rules.resolve("text/extra"));
                final int files = 20;
                for (int i = 0; i < files; i++) {
                    Files.writeString(rules.resolve("text/extra/note-" + i + ".md"), "note " + i);
                }
                await("a reload happens", () -> !attempts.isEmpty());
                Thread.sleep(RulesWatcher.MAX_WAIT.multipliedBy(2).toMillis());
                assertEquals(1, attempts.size(), "one reload for the burst: " + attempts);
                assertTrue(attempts.get(0).ok());
            }
        }
    }

    @Test
    void editorDebrisAloneDoesNotReload(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyOfRules(tmp);
        List<LoadAttempt> attempts = new CopyOnWriteArrayList<>();
        try (CurrentRules current = new CurrentRules(rules, tmp.resolve("no-cases"), false)) {
            assertTrue(current.load().ok());
            current.onAttempt(attempts::add);
            try (RulesWatcher watcher = RulesWatcher.start(current)) {
                Files.writeString(rules.resolve(".decision.drl.swp"), "swap");
                Files.writeString(rules.resolve("decision.drl~"), "backup");
                // then a real change, so the test knows the watcher was listening all along
                Files.writeString(rules.resolve("text/notes.md"), "a note");
                await("the real change reloads", () -> !attempts.isEmpty());
                Thread.sleep(RulesWatcher.MAX_WAIT.multipliedBy(2).toMillis());
                assertEquals(1, attempts.size(), attempts.toString());
            }
        }
    }
}
