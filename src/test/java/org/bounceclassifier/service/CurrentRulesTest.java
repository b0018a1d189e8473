package org.bounceclassifier.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.engine.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Build off to the side, check, then swap: only a rule set that passes the gate serves. */
class CurrentRulesTest {

    @Test
    void aRuleSetThatFailsACaseNeverServes(@TempDir Path tmp) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        Path cases = TestRules.copyOfCases(tmp);
        try (CurrentRules current = new CurrentRules(rules, cases, true)) {
            assertTrue(current.load().ok());
            RuleSet serving = current.get();
            // compiles fine, but now a full mailbox is proposed as a dead one, which the cases forbid
            Path full = rules.resolve("text/mailbox-full.drl");
            Files.writeString(full, Files.readString(full).replace("Category.MAILBOX_FULL", "Category.BAD_MAILBOX"));
            List<LoadAttempt> seen = new ArrayList<>();
            current.onAttempt(seen::add);
            LoadAttempt attempt = current.load(CurrentRules.API);
            assertFalse(attempt.ok());
            assertSame(serving, current.get(), "the previous rule set still serves");
            assertFalse(serving.isRetired());
            assertFalse(attempt.failedChecks().isEmpty());
            assertTrue(attempt.failedChecks().stream().anyMatch(r -> r.message().contains("expected mailbox_full")),
                    attempt.failedChecks().get(0).message());
            assertNotEquals(serving.version(), attempt.version(), "the rejected set's version is reported, not served");
            assertEquals(List.of(attempt), seen);
            assertEquals(attempt, current.lastAttempt());
        }
    }

    @Test
    void withoutTheGateOnlyCompileErrorsStopARuleSet(@TempDir Path tmp) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        Path cases = TestRules.copyOfCases(tmp);
        Path full = rules.resolve("text/mailbox-full.drl");
        Files.writeString(full, Files.readString(full).replace("Category.MAILBOX_FULL", "Category.BAD_MAILBOX"));
        try (CurrentRules current = new CurrentRules(rules, cases, false)) {
            assertTrue(current.load().ok());
        }
    }

    @Test
    void aChangedCaseIsCheckedToo(@TempDir Path tmp) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        Path cases = TestRules.copyOfCases(tmp);
        try (CurrentRules current = new CurrentRules(rules, cases, true)) {
            assertTrue(current.load().ok());
            Files.writeString(cases.resolve("zz-wrong.yaml"), """
                    - name: an over-quota mailbox said to be dead
                      input: {diagnostic: "552 5.2.2 Mailbox full"}
                      expect: {category: bad_mailbox}
                    """);
            LoadAttempt attempt = current.load(CurrentRules.WATCH);
            assertFalse(attempt.ok());
            assertEquals("zz-wrong.yaml: an over-quota mailbox said to be dead", attempt.failedChecks().get(0).title());
        }
    }

    @Test
    void aRequestThatStartedOnARetiredSetFinishesOnIt(@TempDir Path tmp) {
        Path rules = TestRules.copyOfRules(tmp);
        try (CurrentRules current = new CurrentRules(rules, tmp.resolve("no-cases"), false)) {
            assertTrue(current.load().ok());
            RuleSet inFlight = current.get();
            assertTrue(current.load(CurrentRules.API).ok());
            assertTrue(inFlight.isRetired());
            assertNotEquals(inFlight, current.get());
            assertEquals(Category.MAILBOX_FULL,
                    inFlight.classify(BounceInput.ofDiagnostic("552 5.2.2 Mailbox full"), "en").category());
        }
    }

    @Test
    void loadingNeverWritesToTheRulesDirectory(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyOfRules(tmp);
        Path cases = TestRules.copyOfCases(tmp);
        String before = snapshot(rules) + snapshot(cases);
        try (CurrentRules current = new CurrentRules(rules, cases, true)) {
            assertTrue(current.load().ok());
            assertTrue(current.load(CurrentRules.API).ok());
            current.get().classify(BounceInput.ofDiagnostic("552 5.2.2 Mailbox full"), "en");
        }
        assertEquals(before, snapshot(rules) + snapshot(cases));
    }

    /** Every path with its size, modification time and content hash. */
    private static String snapshot(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted().toList()) {
                sb.append(dir.relativize(p)).append(' ').append(Files.getLastModifiedTime(p));
                if (Files.isRegularFile(p)) {
                    sb.append(' ').append(java.util.Arrays.hashCode(Files.readAllBytes(p)));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
