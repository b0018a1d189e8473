package org.bounceclassifier.service;

import static org.bounceclassifier.Waits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults in the rules directory never take away the last good rules. */
class FaultsTest {
    @Test
    void deletingTheRulesDirectoryKeepsTheLastGoodRulesServing(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyOfRules(tmp);
        try (CurrentRules current = new CurrentRules(rules, tmp.resolve("no-cases"), false)) {
            assertTrue(current.load().ok());
            String version = current.get().version();
            try (RulesWatcher watcher = RulesWatcher.start(current)) {
                try (Stream<Path> walk = Files.walk(rules)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
                await("the reload after the deletion is rejected",
                        () -> current.lastAttempt() != null && !current.lastAttempt().ok());
                assertEquals(version, current.get().version());
                assertEquals(Category.MAILBOX_FULL, current.get()
                        .classify(BounceInput.ofDiagnostic("552 5.2.2 Mailbox full"), "en").category());
                assertTrue(current.lastAttempt().problems().toString().contains("does not exist")
                        || current.lastAttempt().problems().toString().contains("no .drl"),
                        current.lastAttempt().problems().toString());
            }
        }
    }

    @Test
    void aHalfWrittenRuleFileIsRejectedWithItsLine(@TempDir Path tmp) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        try (CurrentRules current = new CurrentRules(rules, tmp.resolve("no-cases"), false)) {
            assertTrue(current.load().ok());
            String version = current.get().version();
            Path decision = rules.resolve("decision.drl");
            String whole = Files.readString(decision);
            // the file as a crashed editor or a full disk leaves it: cut off in the middle of a rule
            Files.writeString(decision, whole.substring(0, whole.indexOf("then", whole.indexOf("rule \"")) + 2));
            LoadAttempt attempt = current.load(CurrentRules.WATCH);
            assertFalse(attempt.ok());
            assertTrue(attempt.problems().stream().anyMatch(p -> "decision.drl".equals(p.file()) && p.line() > 0),
                    attempt.problems().toString());
            assertEquals(version, current.get().version());
        }
    }

    @Test
    void aRulesDirectoryThatIsAFileIsAClearProblem(@TempDir Path tmp) throws IOException {
        Path notADir = Files.writeString(tmp.resolve("rules"), "not a directory");
        try (CurrentRules current = new CurrentRules(notADir, tmp.resolve("no-cases"), false)) {
            LoadAttempt attempt = current.load();
            assertFalse(attempt.ok());
            assertTrue(attempt.problems().get(0).message().contains("is not a directory"));
        }
    }
}
