package org.bounceclassifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bounceclassifier.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --log-format json --access-log}: every line of the log is one JSON object with
 * time, level, logger and message, whatever the event: start-up, each request (method, route,
 * status and duration, no address anywhere), a reload accepted and a reload rejected, the last
 * line saying the service stopped, and the errors that stop serve before it listens.
 */
class JsonLogIT {
    private static final String TOKEN = "json-log-test-token";

    @Test
    void everyKindOfEventIsOneJsonLine(@TempDir Path tmp) throws Exception {
        Path rules = copy(Path.of("rules"), tmp.resolve("rules"));
        Path cases = copy(Path.of("rules-tests"), tmp.resolve("rules-tests"));
        ServiceProcess service = ServiceProcess.start(tmp.resolve("service.log"), Map.of("BOUNCE_ADMIN_TOKEN", TOKEN),
                "--no-rules-gate", "--no-watch", "--rules", rules.toString(), "--rules-tests", cases.toString(),
                "--data-dir", tmp.resolve("data").toString(), "--log-format", "json", "--access-log");
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> bounce = client.send(HttpRequest.newBuilder(URI.create(service.url("/v1/bounces")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"recipient\": \"kenji.w@example.jp\", \"diagnostic\": \"550 5.1.1 User unknown\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, bounce.statusCode(), bounce.body());
        client.send(HttpRequest.newBuilder(URI.create(service.url("/v1/recipients/kenji.w@example.jp"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reload(client, service).statusCode());
        Files.writeString(rules.resolve("text").resolve("broken.drl"), "rule \"broken\" when BROKEN then end\n");
        assertEquals(200, reload(client, service).statusCode());
        assertTrue(service.stop(30));

        List<JsonObject> lines = parseEveryLine(service.log());
        List<JsonObject> access = lines.stream()
                .filter(o -> o.getString("logger").equals("bounce-classifier.access")).toList();
        assertEquals(4, access.size(), access.toString());
        assertEquals("POST", access.get(0).getString("method"));
        assertEquals("/v1/bounces", access.get(0).getString("path"));
        assertEquals(200, access.get(0).getInteger("status"));
        assertTrue(access.get(0).getDouble("durationMs") > 0);
        assertEquals("/v1/recipients/:address", access.get(1).getString("path"));
        assertFalse(service.log().contains("kenji"), "no address in the log: " + service.log());
        assertTrue(lines.stream().anyMatch(o -> o.getString("message").startsWith("listening on ")), "start-up");
        assertTrue(lines.stream().anyMatch(o -> o.getString("message").matches("rules \\S+ loaded \\(api\\).*")),
                "an accepted reload: " + lines);
        assertTrue(lines.stream().anyMatch(o -> o.getString("level").equals("WARN")
                && o.getString("message").contains("rejected") && o.getString("message").contains("broken.drl")),
                "a rejected reload names the file: " + lines);
        assertEquals("stopped", lines.get(lines.size() - 1).getString("message"));
    }

    @Test
    void theErrorsThatStopServeBeforeItListensAreJsonToo(@TempDir Path tmp) throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    ServiceProcess.JAR.toString(), "serve", "--port", String.valueOf(taken.getLocalPort()),
                    "--no-rules-gate", "--no-watch", "--data-dir", tmp.resolve("data").toString(), "--log-format", "json")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(180, TimeUnit.SECONDS));
            assertEquals(3, p.exitValue(), "exit 3: the port is taken\n" + out);
            List<JsonObject> lines = parseEveryLine(out);
            assertTrue(lines.stream().anyMatch(o -> o.getString("level").equals("ERROR")
                    && o.getString("message").startsWith("error: cannot listen on")), out);
        }
    }

    private static HttpResponse<String> reload(HttpClient client, ServiceProcess service) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(service.url("/v1/rules/reload")))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every line as JSON (a line that is not fails the test) with the four fields every line has. */
    private static List<JsonObject> parseEveryLine(String log) {
        List<JsonObject> lines = log.strip().lines().map(JsonObject::new).toList();
        for (JsonObject o : lines) {
            for (String field : List.of("time", "level", "logger", "message")) {
                assertTrue(o.containsKey(field), field + " in " + o);
            }
        }
        assertFalse(lines.isEmpty());
        return lines;
    }

    private static Path copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }
}
