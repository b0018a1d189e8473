package org.bounceclassifier.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bounceclassifier.TestRules;
import org.junit.jupiter.api.Test;

/** What almost decided an answer, as explain=full shows it to the expert. */
class NearMissesTest {
    private static Classification classify(Integer code, String status, String text) {
        return TestRules.bundled().classify(new BounceInput(code, status, text, null, null, null, null, 0), "en");
    }

    @Test
    void aLosingProposalSaysItWasWeaker() {
        Classification c = classify(null, null, "550 5.7.1 Message rejected: spam content detected. Mailbox full");
        assertEquals(Category.SPAM_CONTENT, c.category());
        NearMisses near = NearMisses.of(TestRules.bundled(), c);
        NearMisses.LosingProposal full = near.losingProposals().stream()
                .filter(p -> p.category() == Category.MAILBOX_FULL).findFirst().orElseThrow();
        assertTrue(full.why().startsWith("weaker evidence"), full.why());
        assertTrue(near.closest().isEmpty(), "closest rules are for unknown answers only");
    }

    @Test
    void aRuleWhosePhraseIsInTheTextButThatDidNotFireSteppedAside() {
        Classification c = classify(null, null, "550 5.7.1 Message rejected: spam content detected. Mailbox full");
        NearMisses near = NearMisses.of(TestRules.bundled(), c);
        assertTrue(near.steppedAside().stream().anyMatch(a -> a.phrase().equals("mailbox full")
                && !c.firedRules().contains(a.rule())), near.steppedAside().toString());
    }

    @Test
    void anUnknownShowsTheRulesItCameClosestToWithTheWordsThatWereMissing() {
        Classification c = classify(null, null,
                "delivery to kenji.w@example.jp is parked by the gateway operator until further notice");
        assertEquals(Category.UNKNOWN, c.category());
        NearMisses near = NearMisses.of(TestRules.bundled(), c);
        assertFalse(near.closest().isEmpty());
        NearMisses.Closest first = near.closest().get(0);
        assertFalse(first.missingWords().isEmpty(), first.toString());
        assertTrue(first.share() >= 0.6 && first.share() < 1.0, first.toString());
    }

    @Test
    void anUnknownWithAStatusNoRuleSpeaksForSaysSo() {
        Classification c = classify(null, "4.9.9", "the transfer could not be completed");
        assertEquals(Category.UNKNOWN, c.category());
        NearMisses near = NearMisses.of(TestRules.bundled(), c);
        assertTrue(near.codesWithoutRule().contains("status 4.9.9"), near.codesWithoutRule().toString());
    }
}
