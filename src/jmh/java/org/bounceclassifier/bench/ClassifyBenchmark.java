package org.bounceclassifier.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.Evidence;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.engine.RuleSetException;
import org.bounceclassifier.engine.RuleSetLoader;
import org.bounceclassifier.engine.TextMatcher;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Structured classifications per second through the full bundled rule set, on one thread and on
 * two, over the inputs of every case in {@code rules-tests/} in turn; and, in the same run, the
 * floor: the same inputs through {@link FloorClassifier}, the same patterns matched by plain Java
 * with no rules engine. One operation is one classification.
 *
 * <p>Run from the project directory: {@code java -jar target/benchmarks.jar ClassifyBenchmark}
 * ({@code -p rules=DIR -p cases=DIR} point elsewhere).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class ClassifyBenchmark {
    @Param("rules")
    public String rules;

    @Param("rules-tests")
    public String cases;

    private List<BounceInput> inputs;
    private RuleSet ruleSet;
    private FloorClassifier floor;

    /** Each thread walks the inputs on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        BounceInput next(List<BounceInput> inputs) {
            BounceInput input = inputs.get(next);
            next = (next + 1) % inputs.size();
            return input;
        }
    }

    @Setup(Level.Trial)
    public void load() throws RuleSetException {
        inputs = CaseInputs.load(Path.of(cases));
        ruleSet = RuleSetLoader.load(Path.of(rules));
        floor = new FloorClassifier(ruleSet);
        System.out.printf("%n%d inputs, %d rules; the floor picks the engine's category for %.0f%% of them%n",
                inputs.size(), ruleSet.ruleCount(), 100 * floor.agreement(inputs));
    }

    @TearDown(Level.Trial)
    public void close() {
        ruleSet.close();
    }

    @Benchmark
    @Threads(1)
    public Classification engineOneThread(Cursor cursor) {
        return ruleSet.classify(cursor.next(inputs), "en");
    }

    @Benchmark
    @Threads(2)
    public Classification engineTwoThreads(Cursor cursor) {
        return ruleSet.classify(cursor.next(inputs), "en");
    }

    @Benchmark
    @Threads(1)
    public FloorClassifier.Answer floorOneThread(Cursor cursor) {
        return floor.classify(cursor.next(inputs), "en");
    }

    /** The text work alone, which the engine and the floor both do: the evidence and one matcher pass. */
    @Benchmark
    @Threads(1)
    public TextMatcher.Hits textOnlyOneThread(Cursor cursor) {
        return ruleSet.matcher().match(Evidence.from(cursor.next(inputs)).getText());
    }

    @Benchmark
    @Threads(2)
    public FloorClassifier.Answer floorTwoThreads(Cursor cursor) {
        return floor.classify(cursor.next(inputs), "en");
    }
}
