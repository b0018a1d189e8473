package org.bounceclassifier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ServiceMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP contract of API.md, against a real server on a free loopback port. */
class HttpApiTest {
    private static Vertx vertx;
    private static CurrentRules rules;
    private static HttpServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String ADMIN_TOKEN = "test-admin-token-7f3a";

    @BeforeAll
    static void start() throws Exception {
        rules = new CurrentRules(TestRules.RULES, TestRules.CASES, false);
        assertTrue(rules.load().ok());
        vertx = Vertx.vertx();
        server = HttpApi.start(vertx, rules, new ServiceMetrics(), new HttpConfig("127.0.0.1", 0, HttpConfig.DEFAULT_MAX_BODY_BYTES, "ja",
                        ADMIN_TOKEN))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        rules.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path));
    }

    private static HttpResponse<String> classify(String body, String... headers) throws Exception {
        HttpRequest.Builder r = request("/v1/classify").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return send(r);
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject body = new JsonObject(response.body());
        assertEquals(code, body.getString("error"), response.body());
        assertFalse(body.getString("message").isBlank());
    }

    @Test
    void classifiesTheApiExample() throws Exception {
        HttpResponse<String> response = classify("""
                {"smtpCode": 550, "enhancedStatus": "5.1.1",
                 "diagnostic": "550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown in virtual mailbox table",
                 "recipient": "taro@example.jp", "sender": "news@shop.example", "remoteMta": "mx1.example.jp",
                 "dsnAction": "failed", "someFieldFromTheFuture": true}""");
        assertEquals(200, response.statusCode(), response.body());
        JsonObject body = new JsonObject(response.body());
        assertEquals("bad_mailbox", body.getString("category"));
        assertEquals("hard", body.getString("bounceType"));
        assertEquals("suppress", body.getString("action"));
        assertTrue(body.containsKey("retryAfterSeconds"));
        assertEquals(550, body.getInteger("smtpCode"));
        assertEquals("5.1.1", body.getString("enhancedStatus"));
        assertFalse(body.getJsonArray("matchedRules").isEmpty());
        assertEquals(rules.get().version(), body.getString("rulesVersion"));
        assertTrue(body.getString("label").codePoints().anyMatch(cp -> cp > 0x3000), "default language is ja");
    }

    @Test
    void extractsCodesFromTheDiagnostic() throws Exception {
        JsonObject body = new JsonObject(classify("{\"diagnostic\": \"552 5.2.2 Mailbox full\"}").body());
        assertEquals(552, body.getInteger("smtpCode"));
        assertEquals("5.2.2", body.getString("enhancedStatus"));
        assertEquals("mailbox_full", body.getString("category"));
    }

    @Test
    void explainFullAddsTheNearMissesAndOtherValuesAreRefused() throws Exception {
        String body = "{\"diagnostic\": \"delivery to kenji.w@example.jp is parked by the gateway operator\"}";
        JsonObject plain = new JsonObject(classify(body).body());
        assertFalse(plain.containsKey("nearMisses"));
        JsonObject full = new JsonObject(send(request("/v1/classify?explain=full")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))).body());
        assertEquals("unknown", full.getString("category"));
        JsonObject near = full.getJsonObject("nearMisses");
        assertFalse(near.getJsonArray("closestRules").isEmpty(), near.encode());
        assertTrue(near.getJsonArray("closestRules").getJsonObject(0).containsKey("missingWords"), near.encode());
        assertError(send(request("/v1/classify?explain=all").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))), 400, "invalid_parameter");
    }

    @Test
    void choosesTheLanguage() throws Exception {
        String body = "{\"enhancedStatus\": \"5.2.2\"}";
        String viaHeader = new JsonObject(classify(body, "Accept-Language", "en-US,en;q=0.9,ja;q=0.5").body())
                .getString("label");
        String viaQuery = new JsonObject(send(request("/v1/classify?lang=en").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))).body()).getString("label");
        String japanese = new JsonObject(classify(body, "Accept-Language", "ja").body()).getString("label");
        assertEquals(viaHeader, viaQuery);
        assertFalse(viaHeader.equals(japanese));
        assertEquals(rules.get().messages().text(org.bounceclassifier.engine.Category.MAILBOX_FULL, "en").label(),
                viaHeader);
        assertError(send(request("/v1/classify?lang=fr").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))), 400, "invalid_parameter");
    }

    @Test
    void refusesBadInputWithTheDocumentedErrors() throws Exception {
        assertError(classify("{\"smtpCode\": 550"), 400, "malformed_json");
        assertError(classify("[1, 2]"), 400, "malformed_json");
        assertError(classify(""), 400, "empty_body");
        assertError(classify("{\"smtpCode\": \"550\"}"), 400, "invalid_field");
        assertError(classify("{\"smtpCode\": 550.5}"), 400, "invalid_field");
        assertError(classify("{\"smtpCode\": 999}"), 400, "invalid_field");
        assertError(classify("{\"smtpCode\": 199}"), 400, "invalid_field");
        assertError(classify("{\"enhancedStatus\": \"5.1\"}"), 400, "invalid_field");
        assertError(classify("{\"enhancedStatus\": \"3.1.1\"}"), 400, "invalid_field");
        assertError(classify("{\"diagnostic\": 42}"), 400, "invalid_field");
        assertError(classify("{\"recipient\": \"taro@example.jp\"}"), 400, "no_evidence");
        assertError(classify("{\"diagnostic\": \"   \"}"), 400, "no_evidence");
        assertError(classify("{\"smtpCode\": 550, \"history\": {\"consecutiveSoftBounces\": -1}}"), 400,
                "invalid_field");
    }

    @Test
    void refusesOtherContentTypesBodiesOverTheLimitAndUnknownRoutes() throws Exception {
        assertError(send(request("/v1/classify").header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<x/>"))), 415, "unsupported_media_type");
        String big = "{\"diagnostic\": \"" + "a".repeat((int) HttpConfig.DEFAULT_MAX_BODY_BYTES) + "\"}";
        assertError(classify(big), 413, "body_too_large");
        assertError(send(request("/v1/nothing-here").GET()), 404, "not_found");
        assertError(send(request("/v1/classify").GET()), 405, "method_not_allowed");
    }

    @Test
    void healthNamesTheRulesVersion() throws Exception {
        HttpResponse<String> response = send(request("/health").GET());
        assertEquals(200, response.statusCode());
        JsonObject body = new JsonObject(response.body());
        assertEquals("UP", body.getString("status"));
        assertEquals(rules.get().version(), body.getString("rulesVersion"));
    }

    @Test
    void categoriesListTheWholeTaxonomyInBothLanguages() throws Exception {
        JsonArray categories = new JsonObject(send(request("/v1/categories").GET()).body()).getJsonArray("categories");
        assertEquals(org.bounceclassifier.engine.Category.values().length, categories.size());
        for (int i = 0; i < categories.size(); i++) {
            JsonObject c = categories.getJsonObject(i);
            assertNotNull(c.getString("action"), c.encode());
            assertFalse(c.getJsonObject("labels").getString("ja").isBlank());
            assertFalse(c.getJsonObject("labels").getString("en").isBlank());
            assertFalse(c.getJsonObject("remediation").getString("ja").isBlank());
            assertFalse(c.getJsonObject("remediation").getString("en").isBlank());
        }
        JsonObject bad = categories.getJsonObject(0);
        assertEquals("bad_mailbox", bad.getString("id"));
        assertEquals("hard", bad.getString("bounceType"));
        assertEquals("suppress", bad.getString("action"));
    }

    @Test
    void rulesReportFilesHashesCountAndTheLastAttempt() throws Exception {
        JsonObject body = new JsonObject(send(request("/v1/rules").GET()).body());
        assertEquals(rules.get().version(), body.getString("rulesVersion"));
        assertEquals(rules.get().ruleCount(), body.getInteger("ruleCount"));
        JsonArray files = body.getJsonArray("files");
        assertTrue(files.stream().map(JsonObject.class::cast)
                .anyMatch(f -> f.getString("path").equals("remediation.drl") && f.getString("sha256").length() == 64));
        assertEquals(rules.get().ruleCount(), body.getJsonArray("rules").size());
        assertEquals("ok", body.getJsonObject("lastAttempt").getString("status"));
    }

    @Test
    void reloadNeedsTheAdminToken() throws Exception {
        HttpRequest.Builder reload = request("/v1/rules/reload").POST(HttpRequest.BodyPublishers.noBody());
        assertError(send(reload), 401, "unauthorized");
        assertError(send(request("/v1/rules/reload").header("Authorization", "Bearer wrong-token")
                .POST(HttpRequest.BodyPublishers.noBody())), 403, "forbidden");
        HttpResponse<String> ok = send(request("/v1/rules/reload").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, ok.statusCode(), ok.body());
        JsonObject body = new JsonObject(ok.body());
        assertEquals("ok", body.getJsonObject("lastAttempt").getString("status"));
        assertEquals(rules.get().version(), body.getString("rulesVersion"));
    }

    private static HttpResponse<String> classifyBytes(byte[] body) throws Exception {
        return send(request("/v1/classify").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @Test
    void refusesBodiesThatAreNotUtf8OrCarryControlCharactersOrNestTooDeep() throws Exception {
        byte[] latin1 = "{\"diagnostic\": \"r\u00e9cipient inconnu\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertError(classifyBytes(latin1), 400, "invalid_encoding");
        assertError(classify("{\"diagnostic\": \"user\\u0000unknown\"}"), 400, "invalid_field");
        assertError(classify("{\"recipient\": \"a@b\\u001b[31m\", \"smtpCode\": 550}"), 400, "invalid_field");
        final int depth = 100_000;
        assertError(classify("[".repeat(depth) + "]".repeat(depth)), 400, "malformed_json");
        assertError(classify("{\"history\": " + "{\"a\": ".repeat(depth) + "1" + "}".repeat(depth) + "}"), 400,
                "malformed_json");
        // a 10 MB diagnostic is over the body limit: refused before it is read into memory
        assertError(classify("{\"diagnostic\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}"), 413, "body_too_large");
    }

    @Test
    void tabsAndLineBreaksInADiagnosticAreFine() throws Exception {
        HttpResponse<String> response = classify("{\"diagnostic\": \"550-5.1.1 The email account that you tried\\r\\n"
                + "\\t550-5.1.1 to reach does not exist.\"}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("bad_mailbox", new JsonObject(response.body()).getString("category"));
    }
}
