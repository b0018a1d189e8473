package org.bounceclassifier.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.engine.EngineLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A passed gate verdict is reused only for the same rules, cases, limits and engine. The kept file
 * is doctored with a marker in these tests so that its reuse shows in the load attempt (the gate
 * itself would never report it), and its absence proves the gate ran.
 */
class GateVerdictsTest {
    private static final String MARKER = "marker: read from the kept verdict";

    @Test
    void aRestartWithNothingChangedReusesThePassedVerdict(@TempDir Path tmp) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        Path cases = TestRules.copyOfCases(tmp);
        Path dir = tmp.resolve("data").resolve(GateVerdicts.DIR);
        passOnceAndDoctor(rules, cases, dir);
        try (CurrentRules second = rulesKeptIn(rules, cases, dir, "jar A")) {
            LoadAttempt attempt = second.load();
            assertTrue(attempt.ok());
            assertEquals(List.of(MARKER), attempt.unexercisedRules(), "the kept verdict was used, not a new gate run");
            LoadAttempt reload = second.load(CurrentRules.API);
            assertTrue(reload.ok());
            assertFalse(reload.unexercisedRules().contains(MARKER), "a reload always runs the gate");
        }
    }

    @Test
    void aChangedCaseRunsTheGateAgainAndAFailureIsNeverKept(@TempDir Path tmp) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        Path cases = TestRules.copyOfCases(tmp);
        Path dir = tmp.resolve("data").resolve(GateVerdicts.DIR);
        passOnceAndDoctor(rules, cases, dir);
        Files.writeString(cases.resolve("zz-wrong.yaml"), """
                - name: an over-quota mailbox said to be dead
                  input: {diagnostic: "552 5.2.2 Mailbox full"}
                  expect: {category: bad_mailbox}
                """);
        try (CurrentRules second = rulesKeptIn(rules, cases, dir, "jar A")) {
            LoadAttempt attempt = second.load();
            assertFalse(attempt.ok(), "the new case fails: the gate ran on the changed cases");
            assertEquals("zz-wrong.yaml: an over-quota mailbox said to be dead", attempt.failedChecks().get(0).title());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the first, passed verdict is kept");
        }
    }

    @Test
    void aChangedRuleAnotherEngineOrOtherLimitsIsNotTrusted(@TempDir Path tmp) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        Path cases = TestRules.copyOfCases(tmp);
        Path dir = tmp.resolve("data").resolve(GateVerdicts.DIR);
        passOnceAndDoctor(rules, cases, dir);
        try (CurrentRules otherJar = rulesKeptIn(rules, cases, dir, "jar B")) {
            assertFalse(otherJar.load().unexercisedRules().contains(MARKER), "another engine runs the gate");
        }
        try (CurrentRules otherLimits = new CurrentRules(rules, cases, true, new EngineLimits(100))) {
            otherLimits.keepGateVerdictsIn(new GateVerdicts(dir, "jar A"));
            assertFalse(otherLimits.load().unexercisedRules().contains(MARKER), "other limits run the gate");
        }
        Path full = rules.resolve("text/mailbox-full.drl");
        Files.writeString(full, Files.readString(full) + "\n// an edit\n");
        try (CurrentRules edited = rulesKeptIn(rules, cases, dir, "jar A")) {
            assertFalse(edited.load().unexercisedRules().contains(MARKER), "edited rules run the gate");
        }
    }

    @Test
    void withoutAnEngineIdentityNothingIsKept(@TempDir Path tmp) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        Path cases = TestRules.copyOfCases(tmp);
        Path dir = tmp.resolve("data").resolve(GateVerdicts.DIR);
        try (CurrentRules current = rulesKeptIn(rules, cases, dir, null)) {
            assertTrue(current.load().ok());
        }
        assertFalse(Files.exists(dir), "classes from a build tree change without a trace: no verdict is kept");
    }

    @Test
    void onlyTheNewestVerdictsAreKept(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve(GateVerdicts.DIR);
        GateVerdicts verdicts = new GateVerdicts(dir, "jar A");
        for (int i = 0; i < GateVerdicts.KEPT + 5; i++) {
            verdicts.remember("key" + i, List.of());
            Files.setLastModifiedTime(dir.resolve("key" + i), java.nio.file.attribute.FileTime.fromMillis(1_000L * i));
        }
        verdicts.remember("newest", List.of());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(GateVerdicts.KEPT, files.count());
        }
        assertTrue(Files.exists(dir.resolve("newest")));
        assertFalse(Files.exists(dir.resolve("key0")), "the oldest went");
    }

    /** A first start with "jar A" passes and keeps its verdict, which is then marked. */
    private static void passOnceAndDoctor(Path rules, Path cases, Path dir) throws IOException {
        try (CurrentRules first = rulesKeptIn(rules, cases, dir, "jar A")) {
            assertTrue(first.load().ok());
        }
        doctor(onlyVerdict(dir));
    }

    private static CurrentRules rulesKeptIn(Path rules, Path cases, Path dir, String engine) {
        CurrentRules current = new CurrentRules(rules, cases, true);
        current.keepGateVerdictsIn(new GateVerdicts(dir, engine));
        return current;
    }

    private static Path onlyVerdict(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), "one passed verdict: " + all);
            return all.get(0);
        }
    }

    private static void doctor(Path verdict) throws IOException {
        Files.writeString(verdict, MARKER + "\n");
    }
}
