package org.bounceclassifier.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.engine.RuleSetException;
import org.bounceclassifier.engine.RuleSetLoader;
import org.bounceclassifier.mail.ClassifiedMessage;
import org.bounceclassifier.mail.MailParser;
import org.bounceclassifier.mail.ParsedMessage;
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
 * Raw bounce e-mails per second: parse (mime4j, DSN, layouts) plus classify (the rules) of every
 * fixture in turn, as {@code POST /v1/classify} with {@code message/rfc822} does it, on one thread
 * and on two. {@code parseOnly} shows how much of it is the parsing.
 *
 * <p>Run from the project directory (the fixtures and rules are read from it):
 * {@code java -jar target/benchmarks.jar RawEmail}; {@code -p fixtures=DIR -p rules=DIR} point
 * elsewhere. One operation is one e-mail, so the score is e-mails per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RawEmailBenchmark {
    @Param("src/test/resources/bounces")
    public String fixtures;

    @Param("rules")
    public String rules;

    private List<byte[]> messages;
    /** The same e-mails parsed once, for {@link #classifyOnly}. */
    private List<ParsedMessage> parsed;
    private RuleSet ruleSet;
    private MailParser parser;

    /** Each thread walks the fixtures on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Setup(Level.Trial)
    public void load() throws IOException, RuleSetException {
        messages = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(Path.of(fixtures))) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                messages.add(Files.readAllBytes(p));
            }
        }
        if (messages.isEmpty()) {
            throw new IllegalStateException("no .eml files under " + Path.of(fixtures).toAbsolutePath()
                    + "; run from the project directory or pass -p fixtures=DIR");
        }
        ruleSet = RuleSetLoader.load(Path.of(rules));
        parser = new MailParser();
        parsed = messages.stream().map(parser::parse).toList();
    }

    @TearDown(Level.Trial)
    public void close() {
        ruleSet.close();
    }

    private byte[] next(Cursor cursor) {
        byte[] raw = messages.get(cursor.next);
        cursor.next = (cursor.next + 1) % messages.size();
        return raw;
    }

    @Benchmark
    @Threads(1)
    public ClassifiedMessage parseAndClassifyOneThread(Cursor cursor) {
        return ClassifiedMessage.classify(parser.parse(next(cursor)), ruleSet, "en");
    }

    @Benchmark
    @Threads(2)
    public ClassifiedMessage parseAndClassifyTwoThreads(Cursor cursor) {
        return ClassifiedMessage.classify(parser.parse(next(cursor)), ruleSet, "en");
    }

    @Benchmark
    @Threads(1)
    public ParsedMessage parseOnly(Cursor cursor) {
        return parser.parse(next(cursor));
    }

    /** The classification half alone: every recipient of an e-mail parsed beforehand. */
    @Benchmark
    @Threads(1)
    public ClassifiedMessage classifyOnly(Cursor cursor) {
        ParsedMessage message = parsed.get(cursor.next);
        cursor.next = (cursor.next + 1) % parsed.size();
        return ClassifiedMessage.classify(message, ruleSet, "en");
    }
}
