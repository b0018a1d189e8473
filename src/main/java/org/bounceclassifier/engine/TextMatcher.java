package org.bounceclassifier.engine;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds, in one pass over a normalized diagnostic text, every phrase that some rule names, and
 * tests the regular expressions rules use for wording with variable parts.
 *
 * <p>Built once per rule set. Phrases are matched with an Aho-Corasick automaton, so the cost per
 * text does not grow with the number of phrase rules; the rules then see only the phrases that
 * occur, as {@link Phrase} facts. The same automaton looks for the literals each expression cannot
 * match without ({@link RegexLiterals}): an expression runs only on a text that holds one string of
 * each of its literal sets (or on every text, when it has none), so a text pays for the few
 * expressions that could match instead of one RE2 scan per expression rule.
 */
public final class TextMatcher {
    /** Every phrase and gate literal; null when the rules name none. */
    private final KeywordAutomaton automaton;
    /** What each keyword of the automaton stands for, by its index. */
    private final Keyword[] keywords;
    private final int phraseCount;
    private final List<CompiledPattern> patterns;
    /** Per expression, one bit per literal set it needs; 0 for one that runs on every text. */
    private final int[] needed;

    private record CompiledPattern(String written, Pattern compiled) {
    }

    /**
     * One keyword of the automaton.
     *
     * @param phrases the phrases, as rules wrote them, that normalize to it (several spellings may)
     * @param gates the literal sets it belongs to: the expression's index and the set's bit
     */
    private record Keyword(String[] phrases, Gate[] gates) {
    }

    private record Gate(int pattern, int bit) {
    }

    /**
     * What the text contains: phrases and regexes exactly as the rules wrote them, each once, in the
     * order they occur (phrases) and in the rules' order (regexes).
     */
    public record Hits(List<String> phrases, List<String> regexes) {
    }

    private TextMatcher(KeywordAutomaton automaton, Keyword[] keywords, int phraseCount,
                        List<CompiledPattern> patterns, int[] needed) {
        this.automaton = automaton;
        this.keywords = keywords;
        this.phraseCount = phraseCount;
        this.patterns = patterns;
        this.needed = needed;
    }

    /**
     * @param phrases the phrases rules name, as written
     * @param regexes the regular expressions rules name, as written (already checked to compile)
     */
    public static TextMatcher build(Collection<String> phrases, Collection<String> regexes) {
        Map<String, Set<String>> phrasesOf = new TreeMap<>();
        Map<String, List<Gate>> gatesOf = new TreeMap<>();
        for (String p : phrases) {
            String normalized = Evidence.normalize(p);
            if (!normalized.isEmpty()) {
                phrasesOf.computeIfAbsent(normalized, k -> new LinkedHashSet<>()).add(p);
            }
        }
        List<CompiledPattern> compiled = new ArrayList<>();
        List<Integer> needed = new ArrayList<>();
        for (String r : new LinkedHashSet<>(regexes)) {
            int index = compiled.size();
            compiled.add(new CompiledPattern(r, compile(r)));
            List<Set<String>> sets = RegexLiterals.required(r);
            for (int i = 0; i < sets.size(); i++) {
                Gate gate = new Gate(index, 1 << i);
                sets.get(i).forEach(literal -> gatesOf.computeIfAbsent(literal, k -> new ArrayList<>()).add(gate));
            }
            needed.add((1 << sets.size()) - 1);
        }
        Set<String> texts = new TreeSet<>(phrasesOf.keySet());
        texts.addAll(gatesOf.keySet());
        List<Keyword> keywords = new ArrayList<>();
        for (String text : texts) {
            keywords.add(new Keyword(phrasesOf.getOrDefault(text, Set.of()).toArray(String[]::new),
                    gatesOf.getOrDefault(text, List.of()).toArray(Gate[]::new)));
        }
        return new TextMatcher(texts.isEmpty() ? null : KeywordAutomaton.build(List.copyOf(texts)),
                keywords.toArray(Keyword[]::new), phrasesOf.size(), compiled,
                needed.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Compiles a rule's expression the way it will be matched: on normalized text, case-insensitive. */
    public static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    public Hits match(String normalizedText) {
        if (normalizedText.isEmpty()) {
            return new Hits(List.of(), List.of());
        }
        List<String> found = new ArrayList<>();
        int[] present = new int[patterns.size()];
        if (automaton != null) {
            boolean[] seen = new boolean[keywords.length];
            automaton.scan(normalizedText, (id, end) -> {
                if (!seen[id]) {
                    seen[id] = true;
                    Keyword keyword = keywords[id];
                    Collections.addAll(found, keyword.phrases());
                    for (Gate gate : keyword.gates()) {
                        present[gate.pattern()] |= gate.bit();
                    }
                }
            });
        }
        List<String> matched = new ArrayList<>();
        for (int i = 0; i < present.length; i++) {
            if (present[i] == needed[i] && patterns.get(i).compiled().matcher(normalizedText).find()) {
                matched.add(patterns.get(i).written());
            }
        }
        return new Hits(found, matched);
    }

    public int phraseCount() {
        return phraseCount;
    }

    public int patternCount() {
        return patterns.size();
    }

    /** How many expressions run on every text because no literal is required for them to match. */
    public int ungatedPatternCount() {
        return (int) Arrays.stream(needed).filter(n -> n == 0).count();
    }
}
