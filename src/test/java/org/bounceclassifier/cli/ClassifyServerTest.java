package org.bounceclassifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.bounceclassifier.http.HttpConfig;
import org.bounceclassifier.http.TestServer;
import org.junit.jupiter.api.Test;

/** classify --server asks a running service: the same answer, its errors as this command's. */
class ClassifyServerTest {
    @Test
    void aRunningServiceAnswersJsonAndRawMessagesAndItsErrorsAreBadInput() throws Exception {
        try (TestServer server = TestServer.start(new HttpConfig("127.0.0.1", 0, HttpConfig.DEFAULT_MAX_BODY_BYTES,
                "ja", null))) {
            String url = "http://127.0.0.1:" + server.port();
            CliRun json = CliRun.of("classify", "--server", url, "--lang", "en",
                    "{\"diagnostic\": \"552 5.2.2 Mailbox full\"}");
            assertEquals(0, json.exit(), json.err());
            JsonObject answer = new JsonObject(json.out());
            assertEquals("mailbox_full", answer.getString("category"));
            assertEquals(server.rules().get().version(), answer.getString("rulesVersion"), "the service answered");

            CliRun message = CliRun.of("classify", "--server", url, "--message",
                    Path.of("src/test/resources/bounces/amazonses/dsn-two-recipients.eml").toString());
            assertEquals(0, message.exit(), message.err());
            assertEquals(2, new JsonObject(message.out()).getJsonArray("results").size());

            CliRun bad = CliRun.of("classify", "--server", url, "{\"smtpCode\": \"x\"}");
            assertEquals(ClassifyCommand.EXIT_BAD_INPUT, bad.exit());
            assertTrue(bad.err().contains("invalid_field: smtpCode must be an integer"), bad.err());
        }
    }

    @Test
    void aServiceThatIsNotThereIsSaidSo() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        CliRun r = CliRun.of("classify", "--server", "http://127.0.0.1:" + closed, "{\"diagnostic\": \"x\"}");
        assertEquals(ClassifyCommand.EXIT_RULES_NOT_LOADED, r.exit());
        assertTrue(r.err().contains("cannot reach the service at http://127.0.0.1:" + closed), r.err());
        assertTrue(r.err().contains("is serve running there?"), r.err());
    }
}
