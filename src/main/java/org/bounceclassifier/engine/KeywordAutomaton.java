package org.bounceclassifier.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Aho-Corasick automaton over a fixed list of keywords, laid out in a few flat arrays: it
 * reports every keyword that occurs in a text as a substring, in one pass.
 *
 * <p>Why not the {@code org.ahocorasick} library the engine used before: it keeps each state's
 * transitions in a {@code HashMap} of boxed characters, tens of thousands of small objects for
 * the rules' 2,000 keywords, and {@code HashMap.getNode} under it was the largest single entry in
 * the profile of a classification (the map nodes fall out of the CPU's caches while Drools works
 * between two texts). Here a state's transitions are a sorted run of a {@code char[]} beside an
 * {@code int[]} of targets, ASCII transitions from the start state are a direct table, and each
 * state lists every keyword that ends in it (its own and those of its suffixes), so a text costs a
 * few array reads per character: the text work of a classification went from about 9 to 7 µs
 * ({@code ClassifyBenchmark.textOnlyOneThread}).
 */
final class KeywordAutomaton {
    private static final int ROOT = 0;
    private static final int ASCII = 128;

    /** Transitions of state s: {@code labels[edgeStart[s] .. edgeStart[s + 1])}, sorted, and their targets. */
    private final int[] edgeStart;
    private final char[] labels;
    private final int[] targets;
    /** The start state's transitions on ASCII characters, or {@link #ROOT} when there is none. */
    private final int[] rootAscii;
    /** The state of the longest proper suffix of state s's path that is also a path. */
    private final int[] failure;
    /** Keywords ending in state s: {@code keywords[outStart[s] .. outStart[s + 1])}, longest first. */
    private final int[] outStart;
    private final int[] keywords;

    /** Receives each occurrence: the keyword's index in the list given to {@link #build}, and where it ends. */
    interface Occurrence {
        void found(int keyword, int end);
    }

    private KeywordAutomaton(int[] edgeStart, char[] labels, int[] targets, int[] rootAscii, int[] failure,
                             int[] outStart, int[] keywords) {
        this.edgeStart = edgeStart;
        this.labels = labels;
        this.targets = targets;
        this.rootAscii = rootAscii;
        this.failure = failure;
        this.outStart = outStart;
        this.keywords = keywords;
    }

    /** @param keywords non-empty strings; a keyword's index in this list is what {@link #scan} reports */
    static KeywordAutomaton build(List<String> keywords) {
        // the trie, with a sorted map per state while building; flattened at the end
        List<TreeMap<Character, Integer>> next = new ArrayList<>();
        List<List<Integer>> own = new ArrayList<>();
        next.add(new TreeMap<>());
        own.add(new ArrayList<>());
        for (int k = 0; k < keywords.size(); k++) {
            String word = keywords.get(k);
            if (word.isEmpty()) {
                throw new IllegalArgumentException("an empty keyword matches everywhere");
            }
            int state = ROOT;
            for (int i = 0; i < word.length(); i++) {
                Integer to = next.get(state).get(word.charAt(i));
                if (to == null) {
                    to = next.size();
                    next.get(state).put(word.charAt(i), to);
                    next.add(new TreeMap<>());
                    own.add(new ArrayList<>());
                }
                state = to;
            }
            own.get(state).add(k);
        }
        int states = next.size();
        int[] failure = new int[states];
        int[][] out = new int[states][];
        out[ROOT] = toArray(own.get(ROOT));
        // breadth first, so a state's failure state is complete before the state itself
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int child : next.get(ROOT).values()) {
            failure[child] = ROOT;
            out[child] = toArray(own.get(child));
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (Map.Entry<Character, Integer> edge : next.get(state).entrySet()) {
                int child = edge.getValue();
                int f = failure[state];
                Integer to;
                while ((to = next.get(f).get(edge.getKey())) == null && f != ROOT) {
                    f = failure[f];
                }
                failure[child] = to == null ? ROOT : to;
                // its own keywords are the longest that end here, then its suffixes'
                int[] mine = toArray(own.get(child));
                int[] inherited = out[failure[child]];
                int[] all = Arrays.copyOf(mine, mine.length + inherited.length);
                System.arraycopy(inherited, 0, all, mine.length, inherited.length);
                out[child] = all;
                queue.add(child);
            }
        }
        int[] edgeStart = new int[states + 1];
        int edges = 0;
        for (int s = 0; s < states; s++) {
            edgeStart[s] = edges;
            edges += next.get(s).size();
        }
        edgeStart[states] = edges;
        char[] labels = new char[edges];
        int[] targets = new int[edges];
        for (int s = 0; s < states; s++) {
            int e = edgeStart[s];
            for (Map.Entry<Character, Integer> edge : next.get(s).entrySet()) {
                labels[e] = edge.getKey();
                targets[e++] = edge.getValue();
            }
        }
        int[] rootAscii = new int[ASCII];
        next.get(ROOT).forEach((c, to) -> {
            if (c < ASCII) {
                rootAscii[c] = to;
            }
        });
        int[] outStart = new int[states + 1];
        int total = 0;
        for (int s = 0; s < states; s++) {
            outStart[s] = total;
            total += out[s].length;
        }
        outStart[states] = total;
        int[] flat = new int[total];
        for (int s = 0; s < states; s++) {
            System.arraycopy(out[s], 0, flat, outStart[s], out[s].length);
        }
        return new KeywordAutomaton(edgeStart, labels, targets, rootAscii, failure, outStart, flat);
    }

    /** Reports every occurrence of every keyword in {@code text}, by where it ends, longest first at one place. */
    void scan(String text, Occurrence occurrence) {
        int state = ROOT;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int to;
            while ((to = step(state, c)) < 0 && state != ROOT) {
                state = failure[state];
            }
            state = to < 0 ? ROOT : to;
            for (int o = outStart[state], end = outStart[state + 1]; o < end; o++) {
                occurrence.found(keywords[o], i + 1);
            }
        }
    }

    /** The state reached from {@code state} on {@code c}, or -1 when it has no such transition. */
    private int step(int state, char c) {
        if (state == ROOT && c < ASCII) {
            int to = rootAscii[c];
            return to == ROOT ? -1 : to;
        }
        int lo = edgeStart[state];
        int hi = edgeStart[state + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char label = labels[mid];
            if (label < c) {
                lo = mid + 1;
            } else if (label > c) {
                hi = mid - 1;
            } else {
                return targets[mid];
            }
        }
        return -1;
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
