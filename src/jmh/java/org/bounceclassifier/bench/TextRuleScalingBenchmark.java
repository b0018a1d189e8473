package org.bounceclassifier.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.engine.Evidence;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.engine.RuleSetException;
import org.bounceclassifier.engine.RuleSetLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How the cost of one classification grows with the number of text rules: synthetic rule sets of
 * 100, 250, 500 and 1,000 phrase rules, each rule with its own two phrases, beside the bundled
 * decision and remediation rules and texts. Each input is a diagnostic of {@code rules-tests/}
 * with one of the synthetic phrases added, so every classification has a rule to find.
 *
 * <p>Three ways to classify the same inputs: the engine; the floor ({@link FloorClassifier}: one
 * Aho-Corasick pass plus map lookups); and {@code naiveScan}, one {@code String.contains} per phrase
 * per rule, the cost a matcher without a combined automaton would pay. The first two should stay
 * flat from 100 to 1,000 rules; the third grows with the rules. Score: microseconds per
 * classification. Run from the project directory:
 * {@code java -jar target/benchmarks.jar TextRuleScaling}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class TextRuleScalingBenchmark {
    /** Words of the synthetic phrases: letters only, so no phrase occurs by chance in a real text. */
    private static final int WORDS_PER_PHRASE = 3;
    private static final int SEED = 42;

    @Param({"100", "250", "500", "1000"})
    public int textRules;

    @Param("rules")
    public String rules;

    @Param("rules-tests")
    public String cases;

    private Path dir;
    private RuleSet ruleSet;
    private FloorClassifier floor;
    private List<BounceInput> inputs;
    private List<String> normalizedTexts;
    private String[][] phrasesByRule;

    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void build() throws IOException, RuleSetException {
        Random random = new Random(SEED);
        phrasesByRule = new String[textRules][];
        for (int i = 0; i < textRules; i++) {
            phrasesByRule[i] = new String[] {phrase(random), phrase(random)};
        }
        dir = Files.createTempDirectory("bounce-bench-rules");
        Path source = Path.of(rules);
        for (String keep : List.of("decision.drl", "remediation.drl", "messages", "data")) {
            copy(source.resolve(keep), dir.resolve(keep));
        }
        Files.createDirectories(dir.resolve("text"));
        Files.writeString(dir.resolve("text/synthetic.drl"), syntheticRules());
        ruleSet = RuleSetLoader.load(dir);
        floor = new FloorClassifier(ruleSet);

        inputs = new ArrayList<>();
        normalizedTexts = new ArrayList<>();
        List<BounceInput> real = CaseInputs.load(Path.of(cases));
        for (int i = 0; i < real.size(); i++) {
            BounceInput r = real.get(i);
            String[] phrases = phrasesByRule[random.nextInt(textRules)];
            String diagnostic = (r.diagnostic() == null ? "" : r.diagnostic() + " ") + phrases[i % phrases.length];
            BounceInput input = new BounceInput(r.smtpCode(), r.enhancedStatus(), diagnostic, r.recipient(),
                    r.sender(), r.remoteMta(), r.dsnAction(), r.consecutiveSoftBounces());
            inputs.add(input);
            normalizedTexts.add(Evidence.normalize(diagnostic));
        }
        long found = inputs.stream().filter(in -> ruleSet.classify(in, "en").category() != Category.UNKNOWN).count();
        System.out.printf("%n%d text rules; %d of %d inputs classified by them%n", textRules, found, inputs.size());
    }

    private String syntheticRules() {
        Category[] categories = Category.values();
        StringBuilder drl = new StringBuilder("""
                package bounce;
                import org.bounceclassifier.engine.Category;
                import org.bounceclassifier.engine.Strength;
                import org.bounceclassifier.engine.Phrase;
                import function org.bounceclassifier.engine.Proposals.propose;
                """);
        for (int i = 0; i < textRules; i++) {
            String[] p = phrasesByRule[i];
            Category category = categories[i % (categories.length - 1)]; // never UNKNOWN (the last)
            drl.append("\nrule \"synthetic ").append(i).append("\"\n")
                    .append("    @example(\"550 ").append(p[0]).append("\")\n")
                    .append("when\n    Phrase( text in (\"").append(p[0]).append("\", \"").append(p[1]).append("\") )\n")
                    .append("then\n    propose(kcontext, Category.").append(category.name())
                    .append(", Strength.TEXT);\nend\n");
        }
        return drl.toString();
    }

    private static String phrase(Random random) {
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < WORDS_PER_PHRASE; w++) {
            if (w > 0) {
                b.append(' ');
            }
            int length = 5 + random.nextInt(4);
            for (int c = 0; c < length; c++) {
                b.append((char) ('a' + random.nextInt(26)));
            }
        }
        return b.toString();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        ruleSet.close();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private int next(Cursor cursor) {
        int i = cursor.next;
        cursor.next = (i + 1) % inputs.size();
        return i;
    }

    @Benchmark
    public Classification engine(Cursor cursor) {
        return ruleSet.classify(inputs.get(next(cursor)), "en");
    }

    @Benchmark
    public FloorClassifier.Answer floor(Cursor cursor) {
        return floor.classify(inputs.get(next(cursor)), "en");
    }

    /** Which rule's phrases occur, found by testing every phrase of every rule: linear in the rules. */
    @Benchmark
    public int naiveScan(Cursor cursor) {
        String text = normalizedTexts.get(next(cursor));
        for (int i = 0; i < phrasesByRule.length; i++) {
            for (String p : phrasesByRule[i]) {
                if (text.contains(p)) {
                    return i;
                }
            }
        }
        return -1;
    }
}
