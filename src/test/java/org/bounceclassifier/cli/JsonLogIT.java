package org.bounceclassifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bounceclassifier.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --log-format json --access-log}: every line of the log is one JSON object with
 * time, level, logger and message; each request adds a line with method, route, status and
 * duration, and no address appears anywhere; the last line says the service stopped.
 */
class JsonLogIT {
    @Test
    void everyLineIsJsonRequestsAreLoggedWithoutAddressesAndTheLastLineSaysStopped(@TempDir Path tmp)
            throws Exception {
        ServiceProcess service = ServiceProcess.start(tmp.resolve("service.log"), Map.of(), "--no-rules-gate",
                "--no-watch", "--data-dir", tmp.resolve("data").toString(), "--log-format", "json", "--access-log");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> bounce = client.send(HttpRequest.newBuilder(URI.create(service.url("/v1/bounces")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"recipient\": \"kenji.w@example.jp\", \"diagnostic\": \"550 5.1.1 User unknown\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, bounce.statusCode(), bounce.body());
        client.send(HttpRequest.newBuilder(URI.create(service.url("/v1/recipients/kenji.w@example.jp"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(service.stop(30));

        List<String> lines = service.log().strip().lines().toList();
        for (String line : lines) {
            JsonObject o = new JsonObject(line);
            for (String field : List.of("time", "level", "logger", "message")) {
                assertTrue(o.containsKey(field), field + " in " + line);
            }
        }
        List<JsonObject> access = lines.stream().map(JsonObject::new)
                .filter(o -> o.getString("logger").equals("bounce-classifier.access")).toList();
        assertEquals(2, access.size(), access.toString());
        assertEquals("POST", access.get(0).getString("method"));
        assertEquals("/v1/bounces", access.get(0).getString("path"));
        assertEquals(200, access.get(0).getInteger("status"));
        assertTrue(access.get(0).getDouble("durationMs") > 0);
        assertEquals("/v1/recipients/:address", access.get(1).getString("path"));
        assertFalse(service.log().contains("kenji"), "no address in the log: " + service.log());
        assertEquals("stopped", new JsonObject(lines.get(lines.size() - 1)).getString("message"));
    }
}
