package org.bounceclassifier.rulecases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bounceclassifier.TestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong case fails with a message that shows the case, expected, got and the matched rules. */
class RuleChecksTest {

    @Test
    void aWrongCaseFailsReadably() {
        RuleCase wrong = new RuleCase("made-up.yaml", "user unknown is not mailbox full",
                new JsonObject().put("smtpCode", 550).put("enhancedStatus", "5.1.1")
                        .put("diagnostic", "550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown"),
                new RuleCase.Expectation("mailbox_full", "soft", null, false, null, null), null);
        RuleChecks.Result result = RuleChecks.runCase(TestRules.bundled(), wrong);
        assertFalse(result.passed());
        assertEquals("made-up.yaml: user unknown is not mailbox full", result.title());
        assertTrue(result.message().contains("category: expected mailbox_full, got bad_mailbox"), result.message());
        assertTrue(result.message().contains("bounceType: expected soft, got hard"), result.message());
        assertTrue(result.message().contains("matched rules: ["), result.message());
        assertTrue(result.message().contains("5.1.1"), result.message());
    }

    @Test
    void aRightCasePasses() {
        RuleCase right = new RuleCase("made-up.yaml", "bare 5.1.1",
                new JsonObject().put("enhancedStatus", "5.1.1"),
                new RuleCase.Expectation("bad_mailbox", "hard", "suppress", true, null, null), null);
        assertTrue(RuleChecks.runCase(TestRules.bundled(), right).passed());
    }

    @Test
    void unreadableCasesAreReportedWithTheirFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.yaml"), """
                - name: no expectation
                  input: {smtpCode: 550}
                - name: made-up category
                  input: {smtpCode: 550}
                  expect: {category: user_gone}
                - input: {smtpCode: 550}
                  expect: {category: bad_mailbox}
                """);
        RuleCaseLoader.Loaded loaded = RuleCaseLoader.load(dir);
        assertEquals(0, loaded.cases().size());
        assertEquals(3, loaded.problems().size(), loaded.problems().toString());
        assertTrue(loaded.problems().stream().allMatch(p -> "broken.yaml".equals(p.file())));
        assertTrue(loaded.problems().get(1).message().contains("user_gone"));
    }

    @Test
    void theGateFailsOnAWrongCase(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("wrong.yaml"), """
                - name: a full mailbox is not a dead one
                  input:
                    diagnostic: "552 5.2.2 <hanako@example.jp>: Mailbox full"
                  expect:
                    category: bad_mailbox
                """);
        RuleGate.Report report = RuleGate.check(TestRules.bundled(), dir);
        assertFalse(report.ok());
        assertEquals(1, report.cases());
        assertTrue(report.failures().get(0).message().contains("expected bad_mailbox, got mailbox_full"),
                report.failures().get(0).message());
    }
}
