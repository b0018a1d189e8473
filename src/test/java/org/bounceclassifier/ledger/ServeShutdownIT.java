package org.bounceclassifier.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bounceclassifier.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM stops the service cleanly: the ledger is closed (SQLite folds its write-ahead log back in). */
class ServeShutdownIT {
    /** Well under the shutdown's own fallback (10 s of grace plus 5), which a hung step would reach. */
    private static final long STOP_SECONDS = 8;

    @Test
    void sigtermClosesTheLedgerAndARestartFindsItsState(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        HttpClient client = HttpClient.newHttpClient();
        ServiceProcess first = ServiceProcess.start(tmp.resolve("first.log"), Map.of(), "--no-rules-gate",
                "--data-dir", data.toString());
        HttpResponse<String> recorded = client.send(HttpRequest.newBuilder(URI.create(first.url("/v1/bounces")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"recipient\": \"stop@example.jp\", \"smtpCode\": 550,"
                        + " \"enhancedStatus\": \"5.1.1\", \"diagnostic\": \"550 5.1.1 User unknown\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, recorded.statusCode(), recorded.body());
        assertTrue(Files.exists(data.resolve("ledger.db-wal")), "while open, SQLite writes to its log");

        assertTrue(first.stop(STOP_SECONDS), () -> "no exit " + STOP_SECONDS + " s after SIGTERM");
        assertTrue(first.log().contains("shutting down"), "the hook ran");
        assertTrue(first.log().strip().endsWith("bounce-classifier - stopped"), "the last line says so: " + first.log());
        assertFalse(Files.exists(data.resolve("ledger.db-wal")), "a closed ledger leaves no write-ahead log");

        try (ServiceProcess second = ServiceProcess.start(tmp.resolve("second.log"), Map.of(), "--no-rules-gate",
                "--data-dir", data.toString())) {
            HttpResponse<String> view = client.send(HttpRequest.newBuilder(
                    URI.create(second.url("/v1/recipients/stop@example.jp"))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, view.statusCode(), view.body());
            assertTrue(view.body().contains("\"state\":\"suppressed\""), view.body());
        }
    }
}
