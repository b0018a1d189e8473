package org.bounceclassifier.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.bounceclassifier.api.BatchItems;
import org.bounceclassifier.api.NdjsonLines;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ServiceMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code POST /v1/classify/batch} with an NDJSON body: lines are classified as they arrive and
 * each answer is written as soon as the lines before it are, so a body of any length passes through
 * in constant memory.
 *
 * <p>Everything here runs on the request's event loop except the classification itself, which
 * runs on worker threads in chunks of lines (one hop per chunk, not per line). Up to two chunks per
 * core are in flight; answers are written in the order of the lines. Back-pressure both ways: when
 * the response's write queue is full (a client that reads slowly), finished chunks wait and no new
 * one starts; when too many read lines wait, reading the request pauses; both resume as they
 * drain. Each chunk uses the rule set current when it starts, which every answer names in its
 * {@code rulesVersion}.
 */
final class NdjsonStream {
    private static final Logger LOG = LoggerFactory.getLogger(NdjsonStream.class);
    /** Lines per worker job: large enough to make the hop to a worker thread negligible. */
    static final int CHUNK_LINES = 256;
    /**
     * Chunks classified or waiting to be written at once: two per core keep every core busy while
     * finished chunks wait for their turn to be written.
     */
    private static final int JOBS_IN_FLIGHT = 2 * Runtime.getRuntime().availableProcessors();
    /** Bytes of read, unclassified lines at which reading pauses. */
    private static final long PAUSE_AT_PENDING_BYTES = 1024 * 1024;
    /**
     * What a read line holds beyond its bytes (its {@code Line} record and array headers, about 50
     * bytes): counted so that a body of empty or tiny lines pauses reading too.
     */
    private static final int LINE_OVERHEAD_BYTES = 64;

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final CurrentRules rules;
    private final ServiceMetrics metrics;
    private final String lang;
    private final int maxLineBytes;
    private final NdjsonLines splitter;
    private final Deque<NdjsonLines.Line> pending = new ArrayDeque<>();
    private long pendingBytes;
    private final Deque<Future<Buffer>> inFlight = new ArrayDeque<>();
    private boolean requestEnded;
    private boolean readingPaused;
    private boolean finished;

    NdjsonStream(Vertx vertx, HttpServerRequest request, CurrentRules rules, ServiceMetrics metrics, String lang,
                 int maxLineBytes) {
        this.vertx = vertx;
        this.request = request;
        this.response = request.response();
        this.rules = rules;
        this.metrics = metrics;
        this.lang = lang;
        this.maxLineBytes = maxLineBytes;
        this.splitter = new NdjsonLines(maxLineBytes, line -> {
            pending.add(line);
            pendingBytes += line.bytes().length + LINE_OVERHEAD_BYTES;
        });
    }

    void start() {
        response.setChunked(true).putHeader("Content-Type", "application/x-ndjson; charset=utf-8");
        response.closeHandler(v -> finished = true);
        request.handler(buffer -> {
            splitter.feed(buffer.getBytes());
            pump();
        });
        request.endHandler(v -> {
            splitter.end();
            requestEnded = true;
            pump();
        });
        request.exceptionHandler(e -> finished = true);
        if (request.headers().contains("Expect", "100-continue", true)) {
            response.writeContinue();
        }
        request.resume();
    }

    /** Writes what is done, in order; starts what may start; pauses or resumes reading. */
    private void pump() {
        if (finished) {
            return;
        }
        while (!inFlight.isEmpty() && inFlight.peekFirst().isComplete() && !response.writeQueueFull()) {
            Future<Buffer> done = inFlight.pollFirst();
            if (done.failed()) {
                // answers are per line and never throw; this is a bug: end the stream visibly
                LOG.error("NDJSON batch failed", done.cause());
                finished = true;
                response.end(BatchItems.error("internal_error", "the service failed on this batch; it has been logged")
                        .encode() + "\n");
                return;
            }
            response.write(done.result());
        }
        if (response.writeQueueFull()) {
            // the client reads slowly: finished chunks wait (at most JOBS_IN_FLIGHT of them), then
            // no new chunk starts, lines pile up to the pending limit, and reading pauses
            response.drainHandler(v -> pump());
        }
        while (!pending.isEmpty() && inFlight.size() < JOBS_IN_FLIGHT
                && (pending.size() >= CHUNK_LINES || inFlight.isEmpty() || requestEnded)) {
            List<NdjsonLines.Line> chunk = new ArrayList<>(Math.min(CHUNK_LINES, pending.size()));
            while (chunk.size() < CHUNK_LINES && !pending.isEmpty()) {
                NdjsonLines.Line line = pending.pollFirst();
                pendingBytes -= line.bytes().length + LINE_OVERHEAD_BYTES;
                chunk.add(line);
            }
            RuleSet ruleSet = rules.get();
            Future<Buffer> job = vertx.executeBlocking(() -> answer(chunk, ruleSet), false);
            inFlight.addLast(job);
            job.onComplete(v -> pump());
        }
        if (pendingBytes >= PAUSE_AT_PENDING_BYTES) {
            pauseReading();
        } else if (readingPaused) {
            readingPaused = false;
            request.resume();
        }
        if (requestEnded && pending.isEmpty() && inFlight.isEmpty()) {
            finished = true;
            response.end();
        }
    }

    private void pauseReading() {
        if (!readingPaused && !requestEnded) {
            readingPaused = true;
            request.pause();
        }
    }

    /** On a worker thread: one answer per line, each on its own line. */
    private Buffer answer(List<NdjsonLines.Line> chunk, RuleSet ruleSet) {
        Buffer out = Buffer.buffer(chunk.size() * 512);
        for (NdjsonLines.Line line : chunk) {
            out.appendString(BatchItems.answerLine(line, maxLineBytes, ruleSet, lang, metrics::classified).encode())
                    .appendByte((byte) '\n');
        }
        return out;
    }
}
