package org.bounceclassifier.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.api.BounceInputParser;
import org.bounceclassifier.api.InputException;
import org.bounceclassifier.rulecases.RuleCase;
import org.bounceclassifier.rulecases.RuleCaseLoader;
import org.junit.jupiter.api.Test;

class RegexLiteralsTest {

    private static List<List<String>> required(String regex) {
        return RegexLiterals.sorted(RegexLiterals.required(regex));
    }

    @Test
    void aPlainWordIsItsOwnRequirement() {
        assertEquals(List.of(List.of("5.3.3 unrecognized command")), required("5\\.3\\.3 unrecognized command"));
    }

    @Test
    void alternativesAndShortClassesMultiplyOutAndTheLongestRunWins() {
        assertEquals(List.of(List.of("graylisted for ", "greylisted for ")),
                required("gr[ae]ylisted for [0-9]+ ?(s|sec|minutes)\\b"));
        assertEquals(List.of(List.of("[cs", "[hm")), required("\\[(cs|hm)[0-9]{2}\\]"));
    }

    @Test
    void singleCharactersAreTooCommonToGateAnything() {
        assertTrue(required("[0-9]+x").isEmpty());
        assertEquals(List.of(List.of("中継")), required("中継"));
    }

    @Test
    void literalsAreLowerCaseBecauseTextIsMatchedLowerCased() {
        assertEquals(List.of(List.of("user unknown")), required("User UNKNOWN"));
    }

    @Test
    void everyBranchOfAnAlternationMustRequireSomething() {
        assertEquals(List.of(List.of("over quota", "storage full", "storage limit")), required("over quota|storage (limit|full)"));
        assertTrue(required("quota|\\d+").isEmpty(), "a branch that needs no literal makes the expression ungated");
    }

    @Test
    void optionalPartsAndUnknownConstructsRequireNothing() {
        assertTrue(required("(user unknown)?").isEmpty());
        assertTrue(required("(user unknown)*").isEmpty());
        assertTrue(required(".*").isEmpty());
        assertTrue(required("[^a]+").isEmpty());
        assertTrue(required("\\Quser\\E").isEmpty(), "\\Q..\\E is not followed: no requirement rather than a wrong one");
        assertTrue(required("\\x41").isEmpty());
        assertTrue(required("ÉÉ").isEmpty(), "cased letters beyond ASCII fold in ways not followed");
    }

    @Test
    void everyPartThatNeedsALiteralAddsASet() {
        assertEquals(List.of(List.of(" is blocked"), List.of("ip ")), required("ip [0-9.]+ is blocked"));
        assertEquals(List.of(List.of(" closed", " locked"), List.of("account ", "user ")),
                required("(account|user) [a-z]+ (closed|locked)"));
    }

    @Test
    void aRepeatedPartKeepsItsRequirement() {
        assertEquals(List.of(List.of("abc")), required("(abc)+d?"));
        assertEquals(List.of(List.of("サイズ超過")), required("(サイズ超過){2,}"));
    }

    @Test
    void flagsNamedGroupsAndBracesThatAreNotRepeats() {
        assertEquals(List.of(List.of("mailbox full")), required("(?i)(?P<what>mailbox) full"));
        assertEquals(List.of(List.of("a{b}")), required("a{b}"));
    }

    /**
     * The promise the matcher relies on: whenever an expression of the bundled rules matches a
     * text, the text holds one of its literals. Checked on every case diagnostic and example, and
     * on each of them cut at random places, where partial literals are likeliest to fool it.
     */
    @Test
    void whenABundledExpressionMatchesTheTextHoldsOneOfItsLiterals() throws InputException {
        RuleSet rules = TestRules.bundled();
        List<String> texts = new ArrayList<>();
        for (RuleCase c : RuleCaseLoader.load(TestRules.CASES).cases()) {
            String d = BounceInputParser.parse(c.input()).diagnostic();
            if (d != null) {
                texts.add(Evidence.normalize(d));
            }
        }
        rules.rules().values().forEach(r -> r.examples().forEach(e -> texts.add(Evidence.normalize(e))));
        Random random = new Random(7);
        int cuts = texts.size();
        for (int i = 0; i < cuts; i++) {
            String t = texts.get(i);
            if (t.length() > 2) {
                int from = random.nextInt(t.length() / 2);
                texts.add(t.substring(from, from + 1 + random.nextInt(t.length() - from - 1)));
            }
        }
        int matches = 0;
        for (RuleInfo rule : rules.rules().values()) {
            for (String regex : rule.regexes()) {
                List<Set<String>> sets = RegexLiterals.required(regex);
                assertFalse(sets.isEmpty(), "every bundled expression has a literal: " + regex);
                Pattern p = TextMatcher.compile(regex);
                for (String text : texts) {
                    if (p.matcher(text).find()) {
                        matches++;
                        for (Set<String> set : sets) {
                            assertTrue(set.stream().anyMatch(text::contains),
                                    "\"" + regex + "\" matches \"" + text + "\" but none of " + set + " is in it");
                        }
                    }
                }
            }
        }
        assertTrue(matches > 50, "the bundled expressions matched only " + matches + " texts");
    }
}
