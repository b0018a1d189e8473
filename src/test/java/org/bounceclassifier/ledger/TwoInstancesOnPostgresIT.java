package org.bounceclassifier.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.bounceclassifier.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two service processes behind an imagined load balancer share one PostgreSQL ledger and record
 * soft bounces for the same recipient at the same moment: the run is counted exactly, and the
 * fifth suppresses exactly once.
 */
class TwoInstancesOnPostgresIT {
    private static final int REQUESTS_PER_INSTANCE = 8;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void twoInstancesCountOneRecipientsSoftBouncesExactly(@TempDir Path tmp) throws Exception {
        String url = PostgresServer.shared().newDatabase();
        Map<String, String> env = Map.of("BOUNCE_DB_USER", PostgresServer.user());
        try (ServiceProcess a = ServiceProcess.start(tmp.resolve("a.log"), env, "--db-url", url, "--no-rules-gate");
             ServiceProcess b = ServiceProcess.start(tmp.resolve("b.log"), env, "--db-url", url, "--no-rules-gate")) {
            List<ServiceProcess> instances = List.of(a, b);
            int threads = instances.size() * REQUESTS_PER_INSTANCE;
            CyclicBarrier start = new CyclicBarrier(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<JsonObject>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < threads; i++) {
                    ServiceProcess instance = instances.get(i % instances.size());
                    String eventId = "two-" + i;
                    answers.add(pool.submit(() -> {
                        start.await();
                        return post(instance, "/v1/bounces", softBounce("shared@example.jp", eventId));
                    }));
                }
                List<JsonObject> results = new ArrayList<>();
                for (Future<JsonObject> f : answers) {
                    results.add(f.get(120, TimeUnit.SECONDS));
                }
                Map<String, Long> effects = results.stream()
                        .collect(Collectors.groupingBy(r -> r.getString("effect"), Collectors.counting()));
                assertEquals(Map.of("suppressed", 1L, "counted", 4L, "unchanged", (long) threads - 5), effects);
                List<Integer> runs = results.stream().filter(r -> r.getString("effect").equals("counted"))
                        .map(r -> r.getJsonObject("recipient").getInteger("consecutiveSoftBounces")).sorted().toList();
                assertEquals(List.of(1, 2, 3, 4), runs);
            } finally {
                pool.shutdownNow();
            }
            // a second recipient with fewer than five, half on each instance, at once
            List<CompletableFuture<JsonObject>> quiet = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ServiceProcess instance = instances.get(i % 2);
                String eventId = "quiet-" + i;
                quiet.add(CompletableFuture.supplyAsync(() -> post(instance, "/v1/bounces",
                        softBounce("quiet@example.jp", eventId))));
            }
            quiet.forEach(CompletableFuture::join);
            for (ServiceProcess instance : instances) {
                JsonObject shared = get(instance, "/v1/recipients/shared@example.jp");
                assertEquals("suppressed", shared.getString("state"));
                JsonObject q = get(instance, "/v1/recipients/quiet@example.jp");
                assertEquals("soft_bouncing", q.getString("state"));
                assertEquals(4, q.getInteger("consecutiveSoftBounces"));
            }
        }
    }

    private static String softBounce(String recipient, String eventId) {
        return new JsonObject().put("recipient", recipient).put("eventId", eventId).put("smtpCode", 452)
                .put("enhancedStatus", "4.2.2").put("diagnostic", "452 4.2.2 Mailbox full").encode();
    }

    private static JsonObject post(ServiceProcess s, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(s.url(path))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static JsonObject get(ServiceProcess s, String path) {
        return send(HttpRequest.newBuilder(URI.create(s.url(path))).GET().build());
    }

    private static JsonObject send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return new JsonObject(r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
