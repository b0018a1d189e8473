package org.bounceclassifier.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.service.CurrentRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The threshold of soft bounces and which categories suppress live in the rule files: an expert
 * edits them, the rules reload, and the very next event follows the new rules. No Java changes.
 */
class LedgerFollowsTheRulesTest {

    @Test
    void anEditedThresholdAndAnEditedRemediationApplyAfterAReload(@TempDir Path tmp) throws IOException {
        Path rulesDir = TestRules.copyOfRules(tmp);
        CurrentRules rules = new CurrentRules(rulesDir, TestRules.CASES, false);
        assertTrue(rules.load().ok());
        try (Ledger ledger = new Ledger(LedgerStores.open(LedgerConfig.embedded(tmp.resolve("data"), 1)),
                Clock.systemUTC(), 1)) {
            BounceInput complaint = BounceInput.ofDiagnostic("Feedback-Type: abuse");
            assertEquals(Effect.SUPPRESSED, record(ledger, rules, complaint, "before@example.jp", "c-1"));

            replace(rulesDir.resolve("decision.drl"), "function int softBouncesInARowTreatedAsHard() { return 5; }",
                    "function int softBouncesInARowTreatedAsHard() { return 3; }");
            replace(rulesDir.resolve("remediation.drl"),
                    "    // the recipient said they do not want this mail\n"
                            + "    $d.remediate(kcontext, Action.SUPPRESS, null);",
                    "    $d.remediate(kcontext, Action.NONE, null);");
            assertTrue(rules.load().ok(), () -> rules.lastAttempt().summary());

            BounceInput full = LedgerContractTest.mailboxFull("yuki@example.jp");
            assertEquals(Effect.COUNTED, record(ledger, rules, full, "yuki@example.jp", "f-1"));
            assertEquals(Effect.COUNTED, record(ledger, rules, full, "yuki@example.jp", "f-2"));
            assertEquals(Effect.SUPPRESSED, record(ledger, rules, full, "yuki@example.jp", "f-3"),
                    "the third soft bounce in a row suppresses under the edited threshold");
            assertEquals(Effect.UNCHANGED, record(ledger, rules, complaint, "after@example.jp", "c-2"),
                    "a complaint no longer suppresses once its remediation says none");
        } finally {
            rules.close();
        }
    }

    private static Effect record(Ledger ledger, CurrentRules rules, BounceInput input, String recipient, String id) {
        return ledger.recordBounce(rules.get(), input, EmailAddress.parse(recipient), id, "en")
                .recorded().event().effect();
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), () -> file + " no longer contains: " + from);
        Files.writeString(file, text.replace(from, to));
    }
}
