package org.bounceclassifier.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The literal texts a regular expression cannot match without: "every match contains one of these
 * strings, and one of those, ...". {@link TextMatcher} looks for them in its one Aho-Corasick pass
 * and runs a rule's expression only on a text that holds one string of every such set, so a text
 * pays for the few expressions that could match, not for all of them (the idea of RE2's
 * {@code FilteredRE2}, which RE2/J does not have).
 *
 * <p>The analysis is conservative: whatever it does not fully understand (a construct it does not
 * know, a wide character class, a cased non-ASCII letter) counts as "could be anything", so the
 * worst it can do is find no literal, and then the expression simply runs on every text. The
 * literals are in lower case: expressions are matched case-insensitively on normalized
 * (lower-cased) text.
 */
final class RegexLiterals {
    /** Largest set of alternative strings tracked for one part (a class, an alternation, a product). */
    private static final int MAX_ALTERNATIVES = 16;
    /** Most sets kept for one expression: the most selective ones. */
    static final int MAX_SETS = 4;

    private RegexLiterals() {
    }

    /**
     * Sets of strings such that every match of {@code regex} contains one string of each set; an
     * empty list when none is known (then the expression must run on every text).
     */
    static List<Set<String>> required(String regex) {
        try {
            Parser parser = new Parser(regex);
            Info info = parser.alternation();
            if (parser.pos != regex.length()) {
                return List.of();
            }
            return info.need();
        } catch (Unsupported e) {
            return List.of();
        }
    }

    /**
     * What is known of a part of an expression.
     *
     * @param exact every string the part can match, when there are few (null: unknown or too many)
     * @param need sets of strings: every match of the part contains one string of each (empty: nothing known)
     */
    private record Info(Set<String> exact, List<Set<String>> need) {
        static final Info ANYTHING = new Info(null, List.of());
        static final Info EMPTY = new Info(Set.of(""), List.of());

        static Info exactly(Set<String> strings) {
            return new Info(strings, usable(strings) ? List.of(strings) : List.of());
        }
    }

    /** The most selective sets first, at most {@link #MAX_SETS}, without repeats. */
    private static List<Set<String>> strongest(List<Set<String>> sets) {
        return sets.stream().filter(RegexLiterals::usable).distinct()
                .sorted(RegexLiterals::compareSelectivity).limit(MAX_SETS).toList();
    }

    /** The most selective set of a list, or null when none is usable. */
    private static Set<String> best(List<Set<String>> sets) {
        List<Set<String>> s = strongest(sets);
        return s.isEmpty() ? null : s.get(0);
    }

    /** Negative when {@code a} is the more selective: the longer shortest string, then fewer strings. */
    private static int compareSelectivity(Set<String> a, Set<String> b) {
        int shortestA = a.stream().mapToInt(String::length).min().orElse(0);
        int shortestB = b.stream().mapToInt(String::length).min().orElse(0);
        if (shortestA != shortestB) {
            return Integer.compare(shortestB, shortestA);
        }
        return Integer.compare(a.size(), b.size());
    }

    /**
     * A set is usable as a requirement when each of its strings is long enough to be rare: a set
     * with a single letter or digit in it would let the expression run on nearly every text, and
     * make the automaton report every such character.
     */
    private static boolean usable(Set<String> strings) {
        return strings != null && !strings.isEmpty() && strings.stream().allMatch(s -> weight(s) >= MIN_WEIGHT);
    }

    /** Three ASCII characters, or two of any other script (a two-kanji word is already rare). */
    private static final int MIN_WEIGHT = 3;

    private static int weight(String s) {
        return s.codePoints().map(cp -> cp < 0x80 ? 1 : 2).sum();
    }

    private static Set<String> product(Set<String> left, Set<String> right) {
        if (left == null || right == null || left.size() * right.size() > MAX_ALTERNATIVES) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String l : left) {
            for (String r : right) {
                out.add(l + r);
            }
        }
        return out;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        if (a == null || b == null || a.size() + b.size() > MAX_ALTERNATIVES) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * A character that is matched case-insensitively exactly as its lower-case form appears in
     * normalized text: ASCII, or a character without case (digits, punctuation, kana, kanji).
     * Cased letters beyond ASCII have folding orbits this class does not try to follow.
     */
    private static boolean safe(int codePoint) {
        return codePoint < 0x80
                || Character.toLowerCase(codePoint) == codePoint && Character.toUpperCase(codePoint) == codePoint
                        && Character.toTitleCase(codePoint) == codePoint;
    }

    private static String lower(int codePoint) {
        return new String(Character.toChars(codePoint)).toLowerCase(Locale.ROOT);
    }

    /** A construct the analysis does not follow: the expression gets no requirement. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** Recursive descent over RE2 syntax: alternation, concatenation, repetition, atoms. */
    private static final class Parser {
        private static final String ESCAPABLE_PUNCTUATION = "\\.+*?()|[]{}^$-/<>'\":#!,=@&~%`;_ ";
        private final String re;
        private int pos;

        Parser(String re) {
            this.re = re;
        }

        private boolean more() {
            return pos < re.length();
        }

        private char peek() {
            return re.charAt(pos);
        }

        Info alternation() {
            List<Info> branches = new ArrayList<>();
            branches.add(concatenation());
            while (more() && peek() == '|') {
                pos++;
                branches.add(concatenation());
            }
            if (branches.size() == 1) {
                return branches.get(0);
            }
            // a match of the alternation is a match of one branch, so it holds a string of that
            // branch's i-th set: the union of every branch's i-th set is a set of the alternation
            Set<String> exact = branches.get(0).exact();
            int sets = branches.get(0).need().size();
            for (Info b : branches.subList(1, branches.size())) {
                exact = union(exact, b.exact());
                sets = Math.min(sets, b.need().size());
            }
            List<Set<String>> need = new ArrayList<>();
            for (int i = 0; i < sets; i++) {
                Set<String> union = new LinkedHashSet<>();
                for (Info b : branches) {
                    union.addAll(b.need().get(i));
                }
                need.add(union);
            }
            if (usable(exact)) {
                need.add(exact);
            }
            return new Info(exact, strongest(need));
        }

        Info concatenation() {
            List<Info> items = new ArrayList<>();
            while (more() && peek() != '|' && peek() != ')') {
                items.add(repetition());
            }
            // every item's own sets hold for the whole; so does each run of consecutive items whose
            // strings are all known, multiplied out (a literal word is such a run of characters)
            List<Set<String>> need = new ArrayList<>();
            Set<String> all = Set.of("");
            Set<String> run = Set.of("");
            for (Info item : items) {
                all = product(all, item.exact());
                Set<String> longer = product(run, item.exact());
                if (longer != null) {
                    run = longer;
                    continue;
                }
                need.add(run);
                need.addAll(item.need());
                run = item.exact() == null ? Set.of("") : item.exact();
            }
            need.add(run);
            return new Info(all, strongest(need));
        }

        Info repetition() {
            Info atom = atom();
            if (!more()) {
                return atom;
            }
            int min;
            int max;
            char c = peek();
            if (c == '*') {
                pos++;
                min = 0;
                max = -1;
            } else if (c == '+') {
                pos++;
                min = 1;
                max = -1;
            } else if (c == '?') {
                pos++;
                min = 0;
                max = 1;
            } else if (c == '{' && repeatAhead()) {
                int close = re.indexOf('}', pos);
                String[] bounds = re.substring(pos + 1, close).split(",", -1);
                min = Integer.parseInt(bounds[0]);
                max = bounds.length == 1 ? min : bounds[1].isEmpty() ? -1 : Integer.parseInt(bounds[1]);
                pos = close + 1;
            } else {
                return atom;
            }
            if (more() && peek() == '?') {
                pos++; // non-greedy: the same strings
            }
            if (more() && (peek() == '*' || peek() == '+' || peek() == '?')) {
                throw new Unsupported();
            }
            if (min == 0) {
                return max == 1 && atom.exact() != null ? new Info(union(atom.exact(), Set.of("")), List.of()) : Info.ANYTHING;
            }
            if (min == 1 && max == 1) {
                return atom;
            }
            return new Info(null, atom.need());
        }

        /** {@code {n}}, {@code {n,}} or {@code {n,m}}; any other brace is a literal in RE2. */
        private boolean repeatAhead() {
            int close = re.indexOf('}', pos);
            return close > pos + 1 && re.substring(pos + 1, close).matches("[0-9]+(,[0-9]*)?");
        }

        Info atom() {
            char c = peek();
            switch (c) {
                case '(' -> {
                    return group();
                }
                case '[' -> {
                    return characterClass();
                }
                case '.' -> {
                    pos++;
                    return Info.ANYTHING;
                }
                case '^', '$' -> {
                    pos++;
                    return Info.EMPTY;
                }
                case '\\' -> {
                    return escape();
                }
                case '*', '+', '?', ')', '|' -> throw new Unsupported();
                default -> {
                    int cp = re.codePointAt(pos);
                    pos += Character.charCount(cp);
                    return literal(cp);
                }
            }
        }

        private static Info literal(int codePoint) {
            return safe(codePoint) ? Info.exactly(Set.of(lower(codePoint))) : Info.ANYTHING;
        }

        private Info group() {
            pos++; // (
            if (more() && peek() == '?') {
                pos++;
                if (more() && peek() == 'P') {
                    pos++;
                }
                if (more() && peek() == '<') {
                    int close = re.indexOf('>', pos);
                    if (close < 0) {
                        throw new Unsupported();
                    }
                    pos = close + 1;
                } else {
                    // flags: (?i) (?s-m) ... or (?flags: ...)
                    while (more() && "imsU-".indexOf(peek()) >= 0) {
                        pos++;
                    }
                    if (!more()) {
                        throw new Unsupported();
                    }
                    if (peek() == ')') {
                        pos++;
                        return Info.EMPTY;
                    }
                    if (peek() != ':') {
                        throw new Unsupported();
                    }
                    pos++;
                }
            }
            Info inner = alternation();
            if (!more() || peek() != ')') {
                throw new Unsupported();
            }
            pos++;
            return inner;
        }

        private Info escape() {
            pos++; // backslash
            if (!more()) {
                throw new Unsupported();
            }
            char c = peek();
            pos++;
            switch (c) {
                case 'b', 'B', 'A', 'z' -> {
                    return Info.EMPTY;
                }
                case 'd', 'D', 's', 'S', 'w', 'W', 'p', 'P' -> {
                    if ((c == 'p' || c == 'P') && more() && peek() == '{') {
                        int close = re.indexOf('}', pos);
                        if (close < 0) {
                            throw new Unsupported();
                        }
                        pos = close + 1;
                    } else if (c == 'p' || c == 'P') {
                        pos++;
                    }
                    return Info.ANYTHING;
                }
                case 't' -> {
                    return literal('\t');
                }
                case 'n' -> {
                    return literal('\n');
                }
                case 'r' -> {
                    return literal('\r');
                }
                case 'f' -> {
                    return literal('\f');
                }
                default -> {
                    if (ESCAPABLE_PUNCTUATION.indexOf(c) >= 0) {
                        return literal(c);
                    }
                    throw new Unsupported(); // \Q..\E, \x.., octal, \C and anything newer
                }
            }
        }

        /** A short class of safe characters is its set of strings; anything else, unknown. */
        private Info characterClass() {
            pos++; // [
            boolean negated = more() && peek() == '^';
            if (negated) {
                pos++;
            }
            Set<String> chars = new LinkedHashSet<>();
            boolean known = !negated;
            boolean first = true;
            while (true) {
                if (!more()) {
                    throw new Unsupported();
                }
                char c = peek();
                if (c == ']' && !first) {
                    pos++;
                    break;
                }
                first = false;
                if (c == '[' && pos + 1 < re.length() && re.charAt(pos + 1) == ':') {
                    int close = re.indexOf(":]", pos + 2);
                    if (close < 0) {
                        throw new Unsupported();
                    }
                    pos = close + 2;
                    known = false;
                    continue;
                }
                int low = classChar();
                if (low < 0) {
                    known = false;
                    continue;
                }
                int high = low;
                if (more() && peek() == '-' && pos + 1 < re.length() && re.charAt(pos + 1) != ']') {
                    pos++;
                    high = classChar();
                    if (high < 0) {
                        throw new Unsupported();
                    }
                }
                if (high - low >= MAX_ALTERNATIVES) {
                    known = false;
                    continue;
                }
                for (int cp = low; cp <= high && known; cp++) {
                    if (!safe(cp)) {
                        known = false;
                    }
                    chars.add(lower(cp));
                }
            }
            if (!known || chars.isEmpty() || chars.size() > MAX_ALTERNATIVES) {
                return Info.ANYTHING;
            }
            return Info.exactly(chars);
        }

        /** One character of a class, or -1 for an escaped class such as \s inside it. */
        private int classChar() {
            char c = peek();
            if (c != '\\') {
                int cp = re.codePointAt(pos);
                pos += Character.charCount(cp);
                return cp;
            }
            pos++;
            if (!more()) {
                throw new Unsupported();
            }
            char e = peek();
            pos++;
            return switch (e) {
                case 'd', 'D', 's', 'S', 'w', 'W' -> -1;
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 'f' -> '\f';
                default -> {
                    if (ESCAPABLE_PUNCTUATION.indexOf(e) >= 0) {
                        yield e;
                    }
                    throw new Unsupported();
                }
            };
        }
    }

    /** For messages and tests: each set's strings in a stable order. */
    static List<List<String>> sorted(List<Set<String>> sets) {
        return sets.stream().map(set -> set.stream().sorted(Comparator.naturalOrder()).toList()).toList();
    }
}
