package org.bounceclassifier.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.api.BounceInputParser;
import org.bounceclassifier.api.InputException;
import org.bounceclassifier.rulecases.RuleCase;
import org.bounceclassifier.rulecases.RuleCaseLoader;
import org.junit.jupiter.api.Test;

class TextMatcherTest {

    @Test
    void findsEveryPhraseInOnePassAndReportsItAsWritten() {
        TextMatcher m = TextMatcher.build(List.of("User Unknown", "unknown", "over quota", "宛先不明"), List.of());
        TextMatcher.Hits hits = m.match(Evidence.normalize("550 User unknown; 宛先不明"));
        assertEquals(Set.of("User Unknown", "unknown", "宛先不明"), Set.copyOf(hits.phrases()));
        assertEquals(3, hits.phrases().size(), "each phrase once");
        assertTrue(hits.regexes().isEmpty());
    }

    @Test
    void regexesMatchCaseInsensitivelyOnNormalizedText() {
        TextMatcher m = TextMatcher.build(List.of(), List.of("user \\S+ does not exist", "never"));
        assertEquals(List.of("user \\S+ does not exist"),
                m.match(Evidence.normalize("550 USER  taro@example.jp DOES NOT EXIST")).regexes());
    }

    @Test
    void emptyTextMatchesNothing() {
        TextMatcher m = TextMatcher.build(List.of("a"), List.of(".*"));
        assertTrue(m.match("").phrases().isEmpty());
        assertTrue(m.match("").regexes().isEmpty());
    }

    @Test
    void anExpressionRunsOnlyWhereItsLiteralOccursAndStillMatchesThere() {
        TextMatcher m = TextMatcher.build(List.of(), List.of("still undelivered after [0-9]+ hours", "\\d{3}"));
        assertEquals(1, m.ungatedPatternCount(), "the second expression has no literal and runs on every text");
        assertEquals(List.of("still undelivered after [0-9]+ hours", "\\d{3}"),
                m.match(Evidence.normalize("Message STILL undelivered after 4 hours, 421")).regexes());
        assertEquals(List.of(), m.match(Evidence.normalize("undelivered after 4 hours")).regexes());
    }

    /** The automaton finds exactly the phrases a plain substring search finds, on every case text. */
    @Test
    void findsWhatASubstringSearchFindsOnEveryCaseText() throws InputException {
        RuleSet rules = TestRules.bundled();
        Set<String> phrases = new HashSet<>();
        rules.rules().values().forEach(r -> phrases.addAll(r.phrases()));
        int found = 0;
        for (RuleCase c : RuleCaseLoader.load(TestRules.CASES).cases()) {
            String text = Evidence.normalize(BounceInputParser.parse(c.input()).diagnostic());
            Set<String> expected = new HashSet<>();
            for (String p : phrases) {
                String n = Evidence.normalize(p);
                if (!n.isEmpty() && text.contains(n)) {
                    expected.add(p);
                }
            }
            List<String> got = rules.matcher().match(text).phrases();
            assertEquals(expected, Set.copyOf(got), text);
            assertEquals(expected.size(), got.size(), "each phrase once: " + got);
            found += expected.size();
        }
        assertTrue(found > 500, "only " + found + " phrases in all case texts");
    }
}
