package org.bounceclassifier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ServiceMetrics;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} as operators expect it: request and classification durations as histograms in
 * seconds, and no time published in milliseconds or nanoseconds.
 */
class MetricsConventionsTest {
    @Test
    void durationsAreHistogramsInSecondsAndNoMetricUsesAnotherTimeUnit() throws Exception {
        ServiceMetrics metrics = new ServiceMetrics();
        Vertx vertx = HttpApi.newVertx(metrics);
        try (CurrentRules rules = new CurrentRules(TestRules.RULES, TestRules.CASES, false)) {
            assertTrue(rules.load().ok());
            HttpServer server = HttpApi.start(vertx, rules, metrics, new HttpConfig("127.0.0.1", 0,
                    HttpConfig.DEFAULT_MAX_BODY_BYTES, "en", null)).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.actualPort();
            HttpResponse<String> classified = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/classify"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"diagnostic\": \"550 5.1.1 User unknown\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, classified.statusCode(), classified.body());
            String scrape = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(scrape.contains("# TYPE vertx_http_server_response_time_seconds histogram"), scrape);
            assertTrue(scrape.contains("# TYPE bounce_classification_duration_seconds histogram"), scrape);
            assertTrue(Pattern.compile("(?m)^bounce_classification_duration_seconds_count 1(\\.0)?$").matcher(scrape)
                    .find(), scrape);
            assertTrue(scrape.contains("# TYPE process_cpu_seconds_total counter"), scrape);
            assertFalse(Pattern.compile("(?m)^[a-z_]+_(ms|ns|milliseconds|nanoseconds)(_total)?[ {]").matcher(scrape)
                    .find(), "a time in another unit than seconds: " + scrape);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
