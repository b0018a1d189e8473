package org.bounceclassifier.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.LoadAttempt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A rule that loops or a pattern that could backtrack must not hang a request or a worker. */
class RunawayRulesTest {
    /** Each firing inserts another fact the rule matches. */
    private static final String LOOPING_RULE = """
            package bounce;
            import org.bounceclassifier.engine.Phrase;
            rule "loop: touches the phrase it matches"
                @example("550 5.1.1 user unknown")
                @source("test")
            when
                $p : Phrase( text == "user unknown" )
            then
                insert(new Phrase("user unknown"));
            end
            """;

    /**
     * The same loop written by hand in the Java dialect, where {@code update} of a fact makes every
     * rule on it match again (the MVEL dialect the rules use by default only re-matches on the
     * properties a consequence changes, and a record has none to change).
     */
    private static final String LOOPING_JAVA_RULE = """
            package bounce;
            import org.bounceclassifier.engine.Phrase;
            rule "loop: touches the phrase it matches"
                @example("550 5.1.1 user unknown")
                @source("test")
                dialect "java"
            when
                $p : Phrase( text == "user unknown" )
            then
                update($p);
            end
            """;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aLoopingRuleStopsAtTheFiringBoundAndIsNamed(boolean javaDialect, @TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyOfRules(tmp);
        Files.writeString(rules.resolve("text/loop.drl"), javaDialect ? LOOPING_JAVA_RULE : LOOPING_RULE);
        RuleSet loaded = RuleSetLoader.load(rules);
        try {
            RuleLoopException e = assertThrows(RuleLoopException.class,
                    () -> loaded.classify(BounceInput.ofDiagnostic("550 5.1.1 <a@example.jp>: user unknown"), "en"));
            assertTrue(e.rules().contains("loop: touches the phrase it matches"), e.getMessage());
            // the next request, which does not trigger the loop, is unaffected
            assertEquals(Category.MAILBOX_FULL,
                    loaded.classify(BounceInput.ofDiagnostic("552 5.2.2 Mailbox full"), "en").category());
        } finally {
            loaded.close();
        }
    }

    @Test
    void theGateRejectsALoopingRuleSoItNeverServes(@TempDir Path tmp) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        Files.writeString(rules.resolve("text/loop.drl"), LOOPING_RULE);
        try (CurrentRules current = new CurrentRules(rules, TestRules.CASES, true)) {
            LoadAttempt attempt = current.load();
            assertFalse(attempt.ok());
            assertTrue(attempt.failedChecks().stream().anyMatch(r -> r.message().contains("did not settle")
                    && r.message().contains("loop: touches the phrase it matches")), attempt.failedChecks().toString());
        }
    }

    @Test
    void javaRegexMatchesIsRefusedAtLoadTime(@TempDir Path tmp) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        Files.writeString(rules.resolve("text/backtracking.drl"), """
                package bounce;
                import org.bounceclassifier.engine.Category;
                import org.bounceclassifier.engine.Strength;
                import org.bounceclassifier.engine.Evidence;
                import function org.bounceclassifier.engine.Proposals.propose;
                rule "backtracking: nested quantifiers"
                    @example("550 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")
                    @source("test")
                when
                    Evidence( text matches "(a+)+b" )
                then
                    propose(kcontext, Category.BAD_MAILBOX, Strength.TEXT);
                end
                """);
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(rules));
        assertTrue(e.problems().stream().anyMatch(p -> "text/backtracking.drl".equals(p.file()) && p.line() == 10
                && p.message().contains("PatternMatch")), e.problems().toString());
    }

    @Test
    void theWordMatchesInsideAPhraseIsText(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyOfRules(tmp);
        Files.writeString(rules.resolve("text/wording.drl"), """
                package bounce;
                import org.bounceclassifier.engine.Category;
                import org.bounceclassifier.engine.Strength;
                import org.bounceclassifier.engine.Phrase;
                import function org.bounceclassifier.engine.Proposals.propose;
                rule "policy: no sender policy matches"
                    @example("550 5.7.1 no sender policy matches this message")
                    @source("test")
                when
                    Phrase( text == "no sender policy matches" )
                then
                    propose(kcontext, Category.POLICY, Strength.TEXT);
                end
                """);
        RuleSet loaded = RuleSetLoader.load(rules);
        try {
            assertEquals(Category.POLICY, loaded.classify(
                    BounceInput.ofDiagnostic("550 5.7.1 no sender policy matches this message"), "en").category());
        } finally {
            loaded.close();
        }
    }

    @Test
    void rulesSeeOnlyTheConfiguredPartOfAHugeDiagnostic() {
        String huge = "552 5.2.2 Mailbox full " + "x".repeat(5_000_000);
        Evidence e = Evidence.from(BounceInput.ofDiagnostic(huge), EngineLimits.DEFAULT_MAX_DIAGNOSTIC_CHARS);
        assertEquals(EngineLimits.DEFAULT_MAX_DIAGNOSTIC_CHARS, e.getDiagnostic().length());
        assertEquals(Category.MAILBOX_FULL, TestRules.bundled().classify(BounceInput.ofDiagnostic(huge), "en").category());
    }
}
