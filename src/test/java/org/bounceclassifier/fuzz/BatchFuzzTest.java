package org.bounceclassifier.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import org.bounceclassifier.http.HttpConfig;
import org.bounceclassifier.http.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whatever arrives at {@code POST /v1/classify/batch}, as a JSON array or as NDJSON, the server
 * answers 200 with one answer per item (a classification or the item's error) or a documented 4xx
 * with a JSON error: never a 5xx, never a dropped or extra NDJSON line. Runs on a real server with
 * small limits, so the fuzzed bodies reach them.
 */
class BatchFuzzTest {
    /** Each body is a whole HTTP round trip, so fewer tries than the in-process fuzz tests. */
    private static final int TRIES = Math.max(1, Fuzz.TRIES / 10);
    private static final int MAX_BODY_BYTES = 2048;
    private static final int MAX_BATCH_ITEMS = 20;
    private static final Set<Integer> DOCUMENTED_REFUSALS = Set.of(400, 413, 415);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        System.out.println("batch fuzz: seed " + Fuzz.SEED + ", " + TRIES + " bodies per kind (replay with -Dfuzz.seed="
                + Fuzz.SEED + ")");
        server = TestServer.start(new HttpConfig("127.0.0.1", 0, MAX_BODY_BYTES, "en", null, MAX_BATCH_ITEMS));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void arraysOfWrongValues() throws Exception {
        Fuzz fuzz = new Fuzz(Fuzz.SEED + 10);
        for (int i = 0; i < TRIES; i++) {
            JsonArray items = new JsonArray();
            int n = fuzz.nextInt(MAX_BATCH_ITEMS + 3);
            for (int k = 0; k < n; k++) {
                items.add(fuzz.nextInt(3) == 0 ? fuzz.value() : new JsonObject()
                        .put("smtpCode", fuzz.value()).put("diagnostic", fuzz.jsonLike(6)));
            }
            checkArray(items.encode().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void almostJsonAndRandomBytesAsAnArray() throws Exception {
        Fuzz fuzz = new Fuzz(Fuzz.SEED + 11);
        for (int i = 0; i < TRIES; i++) {
            checkArray(i % 2 == 0 ? ("[" + fuzz.jsonLike(30)).getBytes(StandardCharsets.UTF_8) : fuzz.bytes(300));
        }
    }

    @Test
    void ndjsonOfDamagedLines() throws Exception {
        Fuzz fuzz = new Fuzz(Fuzz.SEED + 12);
        byte[] valid = "{\"smtpCode\": 550, \"diagnostic\": \"550 5.1.1 <a@example.jp>: user unknown\"}"
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < TRIES; i++) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int lines = 1 + fuzz.nextInt(8);
            for (int k = 0; k < lines; k++) {
                byte[] line = switch (fuzz.nextInt(3)) {
                    case 0 -> fuzz.mutate(valid);
                    case 1 -> fuzz.jsonLike(20).getBytes(StandardCharsets.UTF_8);
                    default -> fuzz.bytes(MAX_BODY_BYTES + 100); // sometimes over the line limit
                };
                for (byte b : line) {
                    if (b != '\n') { // one input line stays one line, so the answers can be counted
                        body.write(b);
                    }
                }
                body.write('\n');
            }
            checkNdjson(body.toByteArray(), lines);
        }
    }

    private static void checkArray(byte[] body) throws Exception {
        HttpResponse<String> response = post("application/json", body);
        if (refusedAsDocumented(response, body)) {
            return;
        }
        JsonArray answers = new JsonArray(response.body());
        for (Object answer : answers) {
            checkAnswer((JsonObject) answer, body);
        }
    }

    private static void checkNdjson(byte[] body, int lines) throws Exception {
        HttpResponse<String> response = post("application/x-ndjson", body);
        if (refusedAsDocumented(response, body)) {
            return;
        }
        String[] answers = response.body().split("\n");
        assertEquals(lines, answers.length, "one answer per line for (base64) " + base64(body));
        for (String answer : answers) {
            checkAnswer(new JsonObject(answer), body);
        }
    }

    /** True for a documented refusal (4xx with a JSON error); fails on anything else but a 200. */
    private static boolean refusedAsDocumented(HttpResponse<String> response, byte[] body) {
        if (response.statusCode() == 200) {
            return false;
        }
        if (!DOCUMENTED_REFUSALS.contains(response.statusCode())) {
            fail("status " + response.statusCode() + " (" + response.body() + ") for (base64) " + base64(body));
        }
        try {
            JsonObject error = new JsonObject(response.body());
            assertTrue(error.getString("error") != null && error.getString("message") != null, response.body());
        } catch (DecodeException e) {
            fail("a refusal that is not a JSON error: " + response.body() + " for (base64) " + base64(body));
        }
        return true;
    }

    private static void checkAnswer(JsonObject answer, byte[] body) {
        boolean classified = answer.getString("category") != null && answer.getString("action") != null;
        boolean refused = answer.getString("error") != null && answer.getString("message") != null;
        assertTrue(classified != refused, "neither a classification nor an error: " + answer
                + " for (base64) " + base64(body));
        if (refused) {
            assertTrue(!"rule_error".equals(answer.getString("error")), "the rules failed: " + answer
                    + " for (base64) " + base64(body));
        }
    }

    private static HttpResponse<String> post(String contentType, byte[] body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(server.uri("/v1/classify/batch")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base64(byte[] body) {
        return Base64.getEncoder().encodeToString(body);
    }
}
