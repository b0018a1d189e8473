package org.bounceclassifier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.ledger.LedgerConfig;
import org.bounceclassifier.ledger.PostgresServer;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ServiceMetrics;
import org.junit.jupiter.api.Test;

/**
 * The ledger's PostgreSQL server goes away under load and comes back: {@code /ready} says 503 with
 * the reason while it is gone and 200 once it answers, without a restart of the service, and
 * every event the service acknowledged (200) is in the database afterwards.
 */
class PostgresOutageTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int CLIENTS = 8;

    @Test
    void postgresqlStoppedAndStartedUnderLoadLosesNoAcknowledgedEvent() throws Exception {
        PostgresServer pg = PostgresServer.startPrivate();
        Vertx vertx = Vertx.vertx();
        CurrentRules rules = new CurrentRules(TestRules.RULES, TestRules.CASES, false);
        String url = pg.newDatabase();
        Ledger ledger = Ledger.open(new LedgerConfig(null, url, PostgresServer.user(), null, 90));
        ExecutorService load = Executors.newFixedThreadPool(CLIENTS);
        try {
            assertTrue(rules.load().ok());
            ledger.startHealthChecks(Duration.ofMillis(250));
            HttpServer server = HttpApi.start(vertx, rules, new ServiceMetrics(), new HttpConfig("127.0.0.1", 0,
                    HttpConfig.DEFAULT_MAX_BODY_BYTES, "en", null), ledger)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            String base = "http://127.0.0.1:" + server.actualPort();
            assertEquals(200, get(base + "/ready").statusCode());

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger refused = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            for (int t = 0; t < CLIENTS; t++) {
                int client = t;
                load.submit(() -> {
                    for (int i = 0; running.get(); i++) {
                        String id = "outage-" + client + "-" + i;
                        String recipient = "r" + (i % 40) + "-" + client + "@load.example";
                        String body = new JsonObject().put("eventId", id).put("recipient", recipient)
                                .put("smtpCode", 452).put("diagnostic", "452 4.2.2 mailbox full").encode();
                        try {
                            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base
                                            + "/v1/bounces")).timeout(Duration.ofSeconds(60))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 200) {
                                acknowledged.add(id);
                            } else {
                                assertEquals(503, r.statusCode(), r.body());
                                refused.incrementAndGet();
                            }
                        } catch (Exception e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            waitUntil(() -> acknowledged.size() >= 200, 60, "200 events acknowledged before the outage");

            pg.stopServer();
            int beforeOutage = acknowledged.size();
            HttpResponse<String> notReady = waitForStatus(base + "/ready", 503, 60);
            assertTrue(new JsonObject(notReady.body()).getString("reason").contains("cannot be reached"),
                    notReady.body());
            Thread.sleep(2_000); // the load goes on against the missing database
            assertTrue(refused.get() > 0, "calls made while the database was gone were refused with 503");

            pg.startServer();
            waitForStatus(base + "/ready", 200, 60);
            waitUntil(() -> acknowledged.size() >= beforeOutage + 200, 60,
                    "200 more events acknowledged after the database came back");
            running.set(false);
            load.shutdown();
            assertTrue(load.awaitTermination(90, TimeUnit.SECONDS));

            Set<String> stored = new HashSet<>();
            try (Connection c = DriverManager.getConnection(url, PostgresServer.user(), null);
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT event_id FROM events")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            Set<String> lost = new HashSet<>(acknowledged);
            lost.removeAll(stored);
            assertEquals(Set.of(), lost, "acknowledged events missing from the database");
            System.out.println("PostgresOutageTest: " + acknowledged.size() + " events acknowledged, "
                    + refused.get() + " refused with 503 during the outage, none lost");

            String metrics = get(base + "/metrics").body();
            assertTrue(metrics.contains("bounce_ledger_db_errors_total"), "database errors are counted");
            assertTrue(metrics.contains("bounce_ledger_ready 1.0"), "ready again on /metrics");
            assertTrue(metrics.contains("bounce_ledger_events_total{effect=\"counted\",kind=\"bounce\"}"), metrics
                    .lines().filter(l -> l.startsWith("bounce_ledger")).toList().toString());
        } finally {
            load.shutdownNow();
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            ledger.close();
            rules.close();
            pg.destroy();
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> waitForStatus(String url, int status, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        HttpResponse<String> last = null;
        while (System.nanoTime() < end) {
            last = get(url);
            if (last.statusCode() == status) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(url + " did not answer " + status + " within " + seconds + " s; last: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, int seconds, String what)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(50);
        }
    }
}
