package org.bounceclassifier.engine;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Finds, in one pass over a normalized diagnostic text, every phrase that some rule names, and
 * tests the few regular expressions rules use for wording with variable parts.
 *
 * <p>Built once per rule set. Phrases are matched with an Aho-Corasick automaton, so the cost per
 * text does not grow with the number of phrase rules; the rules then see only the phrases that
 * occur, as {@link Phrase} facts.
 */
public final class TextMatcher {
    private final Trie trie;
    /** Normalized phrase to the phrase as rules wrote it (several spellings may normalize alike). */
    private final Map<String, List<String>> writtenForms;
    private final List<CompiledPattern> patterns;

    private record CompiledPattern(String written, Pattern compiled) {
    }

    /** What the text contains: phrases and regexes exactly as the rules wrote them. */
    public record Hits(Set<String> phrases, List<String> regexes) {
    }

    private TextMatcher(Trie trie, Map<String, List<String>> writtenForms, List<CompiledPattern> patterns) {
        this.trie = trie;
        this.writtenForms = writtenForms;
        this.patterns = patterns;
    }

    /**
     * @param phrases the phrases rules name, as written
     * @param regexes the regular expressions rules name, as written (already checked to compile)
     */
    public static TextMatcher build(Collection<String> phrases, Collection<String> regexes) {
        Map<String, List<String>> forms = new HashMap<>();
        for (String p : phrases) {
            String normalized = Evidence.normalize(p);
            if (!normalized.isEmpty()) {
                List<String> list = forms.computeIfAbsent(normalized, k -> new ArrayList<>());
                if (!list.contains(p)) {
                    list.add(p);
                }
            }
        }
        Trie trie = Trie.builder().addKeywords(forms.keySet()).build();
        List<CompiledPattern> compiled = new ArrayList<>();
        for (String r : new LinkedHashSet<>(regexes)) {
            compiled.add(new CompiledPattern(r, compile(r)));
        }
        return new TextMatcher(trie, forms, compiled);
    }

    /** Compiles a rule's expression the way it will be matched: on normalized text, case-insensitive. */
    public static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    public Hits match(String normalizedText) {
        if (normalizedText.isEmpty()) {
            return new Hits(Set.of(), List.of());
        }
        Set<String> found = new LinkedHashSet<>();
        for (Emit emit : trie.parseText(normalizedText)) {
            found.addAll(writtenForms.get(emit.getKeyword()));
        }
        List<String> matched = new ArrayList<>();
        for (CompiledPattern p : patterns) {
            if (p.compiled().matcher(normalizedText).find()) {
                matched.add(p.written());
            }
        }
        return new Hits(found, matched);
    }

    public int phraseCount() {
        return writtenForms.size();
    }

    public int patternCount() {
        return patterns.size();
    }
}
