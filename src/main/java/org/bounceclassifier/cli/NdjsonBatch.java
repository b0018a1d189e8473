package org.bounceclassifier.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bounceclassifier.api.BatchItems;
import org.bounceclassifier.api.NdjsonLines;
import org.bounceclassifier.engine.RuleSet;

/**
 * {@code classify --ndjson}: NDJSON in, one answer line per input line out, in order, in constant
 * memory whatever the length of the input. Chunks of lines are classified on all cores; at most
 * two chunks per core are read ahead of the output.
 */
final class NdjsonBatch {
    private static final int CHUNK_LINES = 256;
    private static final int READ_BYTES = 64 * 1024;

    /** How many lines were answered, and how many of them with an error object. */
    record Counts(long lines, long errors) {
    }

    private final RuleSet rules;
    private final String lang;
    private final int maxLineBytes;

    NdjsonBatch(RuleSet rules, String lang, int maxLineBytes) {
        this.rules = rules;
        this.lang = lang;
        this.maxLineBytes = maxLineBytes;
    }

    Counts run(InputStream in, Writer out) throws IOException {
        int threads = Runtime.getRuntime().availableProcessors();
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "classify-ndjson");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<String>> inFlight = new ArrayDeque<>();
        List<NdjsonLines.Line> chunk = new ArrayList<>();
        long[] counts = new long[2];
        NdjsonLines splitter = new NdjsonLines(maxLineBytes, chunk::add);
        try {
            byte[] buffer = new byte[READ_BYTES];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                splitter.feed(buffer, 0, n);
                while (chunk.size() >= CHUNK_LINES) {
                    List<NdjsonLines.Line> full = new ArrayList<>(chunk.subList(0, CHUNK_LINES));
                    chunk.subList(0, CHUNK_LINES).clear();
                    submit(workers, inFlight, full, 2 * threads, out, counts);
                }
            }
            splitter.end();
            if (!chunk.isEmpty()) {
                submit(workers, inFlight, new ArrayList<>(chunk), 2 * threads, out, counts);
            }
            while (!inFlight.isEmpty()) {
                writeHead(inFlight, out, counts);
            }
            out.flush();
            return new Counts(counts[0], counts[1]);
        } finally {
            workers.shutdownNow();
        }
    }

    private void submit(ExecutorService workers, Deque<Future<String>> inFlight, List<NdjsonLines.Line> lines,
                        int maxInFlight, Writer out, long[] counts) throws IOException {
        while (inFlight.size() >= maxInFlight) {
            writeHead(inFlight, out, counts);
        }
        inFlight.addLast(workers.submit(() -> answer(lines)));
    }

    private static void writeHead(Deque<Future<String>> inFlight, Writer out, long[] counts) throws IOException {
        String answers;
        try {
            answers = inFlight.pollFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a chunk of lines failed", e.getCause());
        }
        int lineStart = 0;
        for (int i = answers.indexOf('\n'); i >= 0; i = answers.indexOf('\n', lineStart)) {
            counts[0]++;
            if (answers.startsWith(ERROR_LINE, lineStart)) {
                counts[1]++;
            }
            lineStart = i + 1;
        }
        out.write(answers);
    }

    /** How an answer line that is an error object begins. */
    private static final String ERROR_LINE = "{\"error\"";

    private String answer(List<NdjsonLines.Line> lines) {
        StringBuilder out = new StringBuilder(lines.size() * 512);
        for (NdjsonLines.Line line : lines) {
            JsonObject answer = BatchItems.answerLine(line, maxLineBytes, rules, lang, c -> { });
            out.append(answer.encode()).append('\n');
        }
        return out.toString();
    }
}
