package org.bounceclassifier.load;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives {@code POST /v1/classify} from several threads while the rules directory is edited every
 * second, good and bad edits alternating, and counts what must be zero: answers that are not 200,
 * and answers from a rejected rule set.
 *
 * <p>The edits are {@link RuleEditor}'s: the requests ask for the label it renames, so an answer
 * whose label says REJECTED came from a rule set that should never have served. Run by
 * scripts/reload-under-load.sh, which starts the service on a copy of the rules; loopback only,
 * bounded in time.
 *
 * <p>Arguments: base URL, rules directory (the copy the service watches), seconds, threads.
 */
public final class ReloadUnderLoad {
    private static final String BODY = "{\"enhancedStatus\": \"5.2.2\", \"diagnostic\": \"552 5.2.2 Mailbox full\"}";
    /** Failures printed in full; the rest are only counted. */
    private static final int REPORTED_FAILURES = 5;

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0] + "/v1/classify?lang=en");
        Path rules = Path.of(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicLong ok = new AtomicLong();
        AtomicLong notOk = new AtomicLong();
        AtomicLong fromRejected = new AtomicLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);

        ExecutorService load = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            load.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
                List<Long> mine = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        mine.add(System.nanoTime() - t0);
                        if (response.statusCode() != 200) {
                            if (notOk.incrementAndGet() <= REPORTED_FAILURES) {
                                System.out.println("non-200: " + response.statusCode() + " " + response.body());
                            }
                        } else if (new JsonObject(response.body()).getString("label").startsWith(RuleEditor.REJECTED)) {
                            fromRejected.incrementAndGet();
                        } else {
                            ok.incrementAndGet();
                        }
                    } catch (IOException e) {
                        if (notOk.incrementAndGet() <= REPORTED_FAILURES) {
                            System.out.println("request failed: " + e);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                latencies.addAll(mine);
            });
        }

        int goodEdits = 0;
        int badEdits = 0;
        try (RuleEditor editor = new RuleEditor(rules)) {
            while (System.nanoTime() < end - TimeUnit.SECONDS.toNanos(1)) {
                if (editor.next()) {
                    goodEdits++;
                } else {
                    badEdits++;
                }
                Thread.sleep(1000);
            }
            load.shutdown();
            load.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
        }

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        long total = ok.get() + notOk.get() + fromRejected.get();
        System.out.printf("edits: %d good, %d bad, one per second for %d s%n", goodEdits, badEdits, seconds);
        System.out.printf("requests: %d (%.0f/s with %d threads), 200 from an accepted rule set: %d%n",
                total, total / (double) seconds, threads, ok.get());
        System.out.printf("non-200 answers: %d%nanswers from a rejected rule set: %d%n", notOk.get(),
                fromRejected.get());
        if (!sorted.isEmpty()) {
            System.out.printf("latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", pct(sorted, 0.50), pct(sorted, 0.99),
                    sorted.get(sorted.size() - 1) / 1e6);
        }
        System.exit(notOk.get() == 0 && fromRejected.get() == 0 && ok.get() > 0 ? 0 : 1);
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
    }
}
