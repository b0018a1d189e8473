package org.bounceclassifier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/classify/batch}: JSON arrays and streamed NDJSON, on a real server. */
class BatchHttpTest {
    /** Small limits, so the tests reach them: 4 KiB per line (and body), 50 items per array. */
    private static final int MAX_BODY_BYTES = 4096;
    private static final int MAX_BATCH_ITEMS = 50;
    private static TestServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(new HttpConfig("127.0.0.1", 0, MAX_BODY_BYTES, "en", null, MAX_BATCH_ITEMS));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static HttpResponse<String> post(String contentType, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(server.uri("/v1/classify/batch")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anArrayIsAnsweredInOrderWithErrorsInPlace() throws Exception {
        HttpResponse<String> response = post("application/json", """
                [{"diagnostic": "550 5.1.1 <a@example.jp>: user unknown"},
                 "not an object",
                 {"smtpCode": "550"},
                 {"enhancedStatus": "4.2.2"}]""");
        assertEquals(200, response.statusCode(), response.body());
        JsonArray answers = new JsonArray(response.body());
        assertEquals(4, answers.size());
        assertEquals("bad_mailbox", answers.getJsonObject(0).getString("category"));
        assertEquals("malformed_json", answers.getJsonObject(1).getString("error"));
        assertEquals("invalid_field", answers.getJsonObject(2).getString("error"));
        assertTrue(answers.getJsonObject(2).getString("message").contains("smtpCode"));
        assertEquals("mailbox_full", answers.getJsonObject(3).getString("category"));
    }

    @Test
    void anArrayOverTheLimitOrNotAnArrayIsRefused() throws Exception {
        JsonArray tooMany = new JsonArray();
        for (int i = 0; i <= MAX_BATCH_ITEMS; i++) {
            tooMany.add(new JsonObject().put("smtpCode", 550));
        }
        HttpResponse<String> response = post("application/json", tooMany.encode());
        assertEquals(413, response.statusCode());
        assertEquals("batch_too_large", new JsonObject(response.body()).getString("error"));
        assertTrue(new JsonObject(response.body()).getString("message").contains(String.valueOf(MAX_BATCH_ITEMS)));

        assertEquals("malformed_json", new JsonObject(post("application/json", "{\"smtpCode\": 550}").body())
                .getString("error"));
        assertEquals(415, post("text/csv", "550,5.1.1").statusCode());
        assertEquals(413, post("application/json", "[" + "{},".repeat(MAX_BODY_BYTES) + "{}]").statusCode());
    }

    @Test
    void ndjsonLinesAreAnsweredInOrderWithErrorsOnTheirLines() throws Exception {
        // more lines than several chunks, each with its own reply code to check the order
        StringBuilder body = new StringBuilder();
        int lines = 3 * NdjsonStream.CHUNK_LINES + 17;
        for (int i = 0; i < lines; i++) {
            if (i == 300) {
                body.append("{\"smtpCode\": 550,\r\n"); // a broken line, with a CR LF ending
            } else if (i == 301) {
                body.append("{\"diagnostic\": \"").append("x".repeat(MAX_BODY_BYTES)).append("\"}\n");
            } else {
                body.append("{\"smtpCode\": ").append(400 + i % 200).append("}\n");
            }
        }
        body.append("{\"enhancedStatus\": \"5.1.1\"}"); // the last line, without a line break
        HttpResponse<String> response = post("application/x-ndjson", body.toString());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/x-ndjson"));
        String[] answers = response.body().split("\n");
        assertEquals(lines + 1, answers.length);
        for (int i = 0; i < lines; i++) {
            JsonObject answer = new JsonObject(answers[i]);
            if (i == 300) {
                assertEquals("malformed_json", answer.getString("error"));
                assertTrue(answer.getString("message").startsWith("line 301: "), answer.getString("message"));
            } else if (i == 301) {
                assertEquals("line_too_long", answer.getString("error"));
            } else {
                assertEquals(400 + i % 200, answer.getInteger("smtpCode"), "line " + (i + 1));
            }
        }
        assertEquals("bad_mailbox", new JsonObject(answers[lines]).getString("category"));
    }

    /** Answers come back while the body is still being sent: the batch is streamed, not buffered. */
    @Test
    void ndjsonAnswersArriveBeforeTheBodyEnds() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(30));
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out.write(("POST /v1/classify/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk(out, "{\"diagnostic\": \"552 5.2.2 mailbox full\"}\n");
            String status = in.readLine();
            assertTrue(status.startsWith("HTTP/1.1 200"), status);
            String line;
            while (!(line = in.readLine()).isEmpty()) {
                // headers
            }
            in.readLine(); // the size of the first chunk of the response
            JsonObject first = new JsonObject(in.readLine());
            assertEquals("mailbox_full", first.getString("category"), "answered while the request is still open");
            chunk(out, "{\"smtpCode\": 421}\n");
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder rest = new StringBuilder();
            while ((line = in.readLine()) != null && !line.equals("0")) {
                rest.append(line).append('\n');
            }
            assertTrue(rest.toString().contains("\"server_unavailable\""), rest.toString());
        }
    }

    private static void chunk(OutputStream out, String data) throws Exception {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
