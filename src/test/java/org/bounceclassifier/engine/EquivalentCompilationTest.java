package org.bounceclassifier.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.api.BounceInputParser;
import org.bounceclassifier.api.InputException;
import org.bounceclassifier.rulecases.RuleCase;
import org.bounceclassifier.rulecases.RuleCaseLoader;
import org.junit.jupiter.api.Test;

/**
 * The two things the engine does for speed change no answer: phrase lists compiled as indexed
 * alternatives ({@link InListExpansion}) and sessions reused after their facts are deleted
 * ({@link Sessions}) answer every rule case and every rule example exactly as the rules as written,
 * each run in a new session, do: same category, type, action, delay, explanation and candidates.
 */
class EquivalentCompilationTest {

    private static String answer(RuleSet rules, BounceInput input) {
        Classification c = rules.classify(input, "en");
        List<String> candidates = new ArrayList<>();
        c.candidates().forEach(candidate -> candidates.add(candidate.toString()));
        Collections.sort(candidates);
        return c.category().id() + " " + c.bounceType().id() + " " + c.action().id() + " " + c.retryAfterSeconds()
                + " " + c.matchedRuleNames() + " " + candidates;
    }

    @Test
    void indexedListsAndReusedSessionsAnswerAsTheRulesAsWritten() throws Exception {
        List<BounceInput> inputs = new ArrayList<>();
        for (RuleCase c : RuleCaseLoader.load(TestRules.CASES).cases()) {
            try {
                inputs.add(BounceInputParser.parse(c.input()));
            } catch (InputException e) {
                // the gate reports refused cases; nothing to compare
            }
        }
        TestRules.bundled().rules().values().forEach(r -> r.examples().forEach(e -> inputs.add(BounceInput.ofDiagnostic(e))));

        RuleSet asWritten = RuleSetLoader.load(TestRules.RULES, EngineLimits.DEFAULT, false, 0);
        // one reused session: every classification runs in the session the one before it emptied
        RuleSet fast = RuleSetLoader.load(TestRules.RULES, EngineLimits.DEFAULT, true, 1);
        try {
            List<BounceInput> shuffled = new ArrayList<>(inputs);
            for (int round = 0; round < 2; round++) {
                Collections.shuffle(shuffled, new Random(round));
                for (BounceInput input : shuffled) {
                    assertEquals(answer(asWritten, input), answer(fast, input), input.toString());
                }
            }
        } finally {
            asWritten.close();
            fast.close();
        }
    }
}
