package org.bounceclassifier.rulecases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.engine.RuleInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate names the rules no case exercises; the statistics count rules and cases. */
class CoverageAndStatsTest {
    private static final String TWO_CASES = """
            - name: Gmail, no such user
              receiver: Gmail
              input:
                diagnostic: "550-5.1.1 The email account that you tried to reach does not exist. - gsmtp"
              expect:
                category: bad_mailbox
            - name: nothing recognizable
              input:
                diagnostic: "the weather is fine today"
              expect:
                category: unknown
            """;

    @Test
    void aRuleThatProposesInACaseIsExercisedAndTheOthersAreListed(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("few.yaml"), TWO_CASES);
        RuleGate.Report report = RuleGate.check(TestRules.bundled(), dir);
        assertTrue(report.ok(), () -> report.failures().toString());
        List<String> unexercised = report.unexercisedRules().stream().map(RuleInfo::name).toList();
        // the Gmail rule and the generic status rule proposed in the first case: not listed
        assertFalse(unexercised.contains("Gmail: mailbox does not exist"), unexercised.toString());
        assertFalse(unexercised.contains("status X.1.1: bad destination mailbox address"), unexercised.toString());
        // a rule for another receiver was not needed by either case: listed
        assertTrue(unexercised.contains("qmail: no mailbox here by that name"), unexercised.toString());
        // only evidence rules are reported, never decision or remediation rules
        assertTrue(report.unexercisedRules().stream().allMatch(r -> RuleInfo.EVIDENCE.equals(r.phase())));
        // its own @example does not count as a case
        RuleInfo qmail = TestRules.bundled().rules().get("qmail: no mailbox here by that name");
        assertFalse(qmail.examples().isEmpty());
    }

    @Test
    void statisticsCountRulesAndCasesPerCategoryAndReceiver(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("few.yaml"), TWO_CASES);
        RuleGate.Report report = RuleGate.check(TestRules.bundled(), dir);
        RuleStats stats = RuleStats.of(TestRules.bundled(), report);

        assertEquals(2, stats.cases());
        assertEquals(1, stats.casesWithoutReceiver());
        assertEquals(1, stats.casesEndingUnknown());
        assertEquals(50.0, stats.unknownPercent(), 0.001);

        RuleStats.CategoryCount badMailbox = stats.perCategory().stream()
                .filter(c -> c.category() == Category.BAD_MAILBOX).findFirst().orElseThrow();
        assertEquals(1, badMailbox.cases());
        long textRulesProposingBadMailbox = TestRules.bundled().rules().values().stream()
                .filter(r -> r.isTextRule() && r.category() == Category.BAD_MAILBOX).count();
        assertEquals(textRulesProposingBadMailbox, badMailbox.textRules());
        assertTrue(badMailbox.codeRules() > 0, "X.1.1 and 550 propose bad_mailbox");
        assertEquals(Category.values().length, stats.perCategory().size());

        RuleStats.ReceiverCount gmail = stats.perReceiver().stream()
                .filter(r -> r.receiver().equals("Gmail")).findFirst().orElseThrow();
        assertEquals(1, gmail.cases());
        long gmailRules = TestRules.bundled().rules().values().stream()
                .filter(r -> r.receivers().contains("Gmail")).count();
        assertEquals(gmailRules, gmail.rules());
        assertTrue(gmail.rules() > 0, "rules carry @receiver(\"Gmail\")");

        String markdown = stats.toMarkdown();
        assertTrue(markdown.contains("| bad_mailbox | " + badMailbox.textRules() + " | " + badMailbox.codeRules()
                + " | 1 |"), markdown);
        assertTrue(markdown.contains("| Gmail | " + gmail.rules() + " | 1 |"), markdown);
        assertTrue(markdown.contains("Cases ending in unknown: 1 of 2 (50.0%)"), markdown);
    }

    @Test
    void aReceiverMustBeText(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), """
                - name: receiver as a list
                  receiver: [Gmail, Yahoo]
                  input: {smtpCode: 550}
                  expect: {category: bad_mailbox}
                - name: receiver given
                  receiver: " Yahoo/AOL "
                  input: {smtpCode: 550}
                  expect: {category: bad_mailbox}
                """);
        RuleCaseLoader.Loaded loaded = RuleCaseLoader.load(dir);
        assertEquals(1, loaded.problems().size(), loaded.problems().toString());
        assertTrue(loaded.problems().get(0).message().contains("'receiver' must be the name of a receiver family"),
                loaded.problems().get(0).message());
        assertEquals("Yahoo/AOL", loaded.cases().get(0).receiver());
    }
}
