package org.bounceclassifier.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload reports what the candidate rules would answer differently on the traffic sample, and
 * refuses one that changes more than {@code --max-impact} allows.
 */
class ReloadImpactTest {
    private static final String FULL = "452 4.2.2 <%s@example.jp>: Mailbox full";
    private static final String UNKNOWN = "550 5.1.1 <%s@example.net>: Recipient address rejected: User unknown";

    /** Three full mailboxes and one unknown user, classified by the serving rules as traffic would be. */
    private static TrafficSample trafficOf(RuleSet serving) {
        TrafficSample sample = new TrafficSample();
        for (String who : new String[] {"aki", "ben", "chie"}) {
            sample.record(serving.classify(BounceInput.ofDiagnostic(String.format(FULL, who)), "en"));
        }
        sample.record(serving.classify(BounceInput.ofDiagnostic(String.format(UNKNOWN, "dan")), "en"));
        return sample;
    }

    /** The edit a deliverability expert might make: full mailboxes are given up at once. */
    private static void suppressFullMailboxes(Path rules) throws IOException {
        Path remediation = rules.resolve("remediation.drl");
        String before = Files.readString(remediation);
        String after = before.replace("    $d : Decision( category == Category.MAILBOX_FULL )\nthen\n"
                + "    $d.remediate(kcontext, Action.RETRY, hours(6));", "    $d : Decision( category == Category.MAILBOX_FULL )\n"
                + "then\n    $d.remediate(kcontext, Action.SUPPRESS, null);");
        assertFalse(before.equals(after), "the edit must apply to the bundled rules");
        Files.writeString(remediation, after);
    }

    @Test
    void aReloadOverTheLimitIsRefusedAndSaysWhyOneWithinItServesWithItsImpact(@TempDir Path tmp) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        try (CurrentRules current = new CurrentRules(rules, TestRules.CASES, false)) {
            LoadAttempt first = current.load();
            assertTrue(first.ok());
            assertNull(first.impact(), "nothing to compare the first rule set with");
            RuleSet serving = current.get();
            TrafficSample sample = trafficOf(serving);
            current.checkImpactWith(new ImpactCheck(sample, null, 50.0));

            LoadAttempt same = current.load(CurrentRules.API);
            assertTrue(same.ok());
            assertEquals(4, same.impact().sampleBounces());
            assertEquals(2, same.impact().sampleInputs(), "the same text for three people is one input");
            assertEquals(0, same.impact().changedBounces(), "the same rules answer the same");

            suppressFullMailboxes(rules);
            RuleSet before = current.get();
            LoadAttempt refused = current.load(CurrentRules.API);
            assertFalse(refused.ok());
            assertSame(before, current.get(), "the serving rules stay");
            RuleImpact.Report impact = refused.impact();
            assertEquals(3, impact.changedBounces());
            assertEquals(0.75, impact.share(), 1e-9);
            assertTrue(impact.overLimit());
            RuleImpact.Transition t = impact.transitions().get(0);
            assertEquals("mailbox_full/soft/retry", t.from().describe());
            assertEquals("mailbox_full/soft/suppress", t.to().describe());
            assertEquals(3, t.bounces());
            assertEquals("452 4.2.2 <***@example.jp>: Mailbox full", t.examples().get(0).text());
            assertTrue(refused.refusal().contains("75.0%") && refused.refusal().contains("--max-impact 50%"),
                    refused.refusal());
            assertTrue(refused.summary().contains(refused.refusal()), refused.summary());

            current.checkImpactWith(new ImpactCheck(sample, null, 80.0));
            LoadAttempt accepted = current.load(CurrentRules.API);
            assertTrue(accepted.ok(), accepted.summary());
            assertEquals(3, accepted.impact().changedBounces());
            assertFalse(accepted.impact().overLimit());
            assertTrue(accepted.summary().contains("impact: 75.0% of the traffic sample would change"),
                    accepted.summary());
        }
    }
}
