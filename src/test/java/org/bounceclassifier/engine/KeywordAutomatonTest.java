package org.bounceclassifier.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class KeywordAutomatonTest {

    /** Every (keyword, end) pair, found the slow way: indexOf from every position. */
    private static Set<List<Integer>> bruteForce(List<String> keywords, String text) {
        Set<List<Integer>> found = asSortedSet(List.of());
        for (int k = 0; k < keywords.size(); k++) {
            String word = keywords.get(k);
            for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
                found.add(List.of(k, at + word.length()));
            }
        }
        return found;
    }

    private static List<List<Integer>> scan(KeywordAutomaton automaton, String text) {
        List<List<Integer>> found = new ArrayList<>();
        automaton.scan(text, (keyword, end) -> found.add(List.of(keyword, end)));
        return found;
    }

    @Test
    void findsOverlappingAndNestedKeywordsWhereTheyEnd() {
        List<String> words = List.of("he", "she", "his", "hers", "user unknown", "unknown", "宛先不明", "不明");
        KeywordAutomaton automaton = KeywordAutomaton.build(words);
        assertEquals(List.of(List.of(1, 4), List.of(0, 4), List.of(3, 6)), scan(automaton, "ushers"),
                "she and he end at 4, the longer first; hers at 6");
        assertEquals(List.of(List.of(4, 16), List.of(5, 16), List.of(6, 21), List.of(7, 21)),
                scan(automaton, "550 user unknown 宛先不明です"));
        assertEquals(List.of(), scan(automaton, "nothing to see"));
        assertEquals(List.of(), scan(automaton, ""));
    }

    @Test
    void agreesWithABruteForceSearchOnRandomKeywordsAndTexts() {
        Random random = new Random(20261206);
        // a small alphabet makes overlaps, shared prefixes and failure chains common; the kana and
        // a character beyond ASCII exercise the sorted transitions outside the start state's table
        String alphabet = "abcab ん宛\u00e9";
        for (int round = 0; round < 300; round++) {
            Set<String> unique = new LinkedHashSet<>();
            int count = 1 + random.nextInt(40);
            while (unique.size() < count) {
                unique.add(randomText(random, alphabet, 1 + random.nextInt(6)));
            }
            List<String> keywords = List.copyOf(unique);
            KeywordAutomaton automaton = KeywordAutomaton.build(keywords);
            for (int t = 0; t < 20; t++) {
                String text = randomText(random, alphabet, random.nextInt(60));
                List<List<Integer>> found = scan(automaton, text);
                assertEquals(bruteForce(keywords, text), asSortedSet(found),
                        "keywords " + keywords + " text '" + text + "'");
                assertEquals(found.size(), Set.copyOf(found).size(), "each occurrence once");
                for (int i = 1; i < found.size(); i++) {
                    assertTrue(found.get(i - 1).get(1) <= found.get(i).get(1), "in order of where they end");
                }
            }
        }
    }

    private static Set<List<Integer>> asSortedSet(List<List<Integer>> found) {
        // by where they end, then by keyword
        Set<List<Integer>> set = new TreeSet<>((a, b) -> a.get(1).equals(b.get(1))
                ? Integer.compare(a.get(0), b.get(0)) : Integer.compare(a.get(1), b.get(1)));
        set.addAll(found);
        return set;
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Test
    void refusesAnEmptyKeyword() {
        assertThrows(IllegalArgumentException.class, () -> KeywordAutomaton.build(List.of("a", "")));
    }
}
