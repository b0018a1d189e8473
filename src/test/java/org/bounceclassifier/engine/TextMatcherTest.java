package org.bounceclassifier.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextMatcherTest {

    @Test
    void findsEveryPhraseInOnePassAndReportsItAsWritten() {
        TextMatcher m = TextMatcher.build(List.of("User Unknown", "unknown", "over quota", "宛先不明"), List.of());
        TextMatcher.Hits hits = m.match(Evidence.normalize("550 User unknown; 宛先不明"));
        assertEquals(Set.of("User Unknown", "unknown", "宛先不明"), hits.phrases());
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
}
