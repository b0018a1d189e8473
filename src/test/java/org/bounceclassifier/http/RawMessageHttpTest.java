package org.bounceclassifier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bounceclassifier.mail.BounceFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/classify} with a raw e-mail, as the README shows it, against a real server. */
class RawMessageHttpTest {
    private static TestServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(new HttpConfig("127.0.0.1", 0, HttpConfig.DEFAULT_MAX_BODY_BYTES, "ja", null));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] fixture(String name) throws Exception {
        return Files.readAllBytes(BounceFixtures.ROOT.resolve(Path.of(name)));
    }

    @Test
    void answersForEveryRecipientOfADeliveryStatusNotification() throws Exception {
        HttpResponse<String> response = post("/v1/classify?lang=en", "message/rfc822",
                fixture("postfix/dsn-two-recipients.eml"));
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject body = new JsonObject(response.body());
        assertEquals("dsn", body.getString("messageKind"));
        assertNull(body.getString("layout"));
        JsonArray results = body.getJsonArray("results");
        assertEquals(2, results.size());
        JsonObject first = results.getJsonObject(0);
        assertEquals("m.fujita@example.co.jp", first.getString("recipient"));
        assertEquals("mail.shop.example", first.getString("reportingMta"));
        assertEquals("mailbox_full", first.getString("category"));
        assertEquals(552, first.getInteger("smtpCode"));
        assertEquals("5.2.2", first.getString("enhancedStatus"));
        assertEquals(server.rules().get().messages().text(org.bounceclassifier.engine.Category.MAILBOX_FULL, "en").label(),
                first.getString("label"));
        assertFalse(first.getJsonArray("matchedRules").isEmpty());
        assertEquals(server.rules().get().version(), first.getString("rulesVersion"));
        JsonObject second = results.getJsonObject(1);
        assertEquals("noreply-test@example.net", second.getString("recipient"));
        assertEquals("bad_mailbox", second.getString("category"));
        assertEquals("suppress", second.getString("action"));
    }

    @Test
    void readsNonStandardBouncesAndNamesTheLayout() throws Exception {
        JsonObject body = new JsonObject(post("/v1/classify", "message/rfc822",
                fixture("au/sjis-labelled-iso2022jp.eml")).body());
        assertEquals("non_standard_bounce", body.getString("messageKind"));
        assertEquals("au", body.getString("layout"));
        JsonObject result = body.getJsonArray("results").getJsonObject(0);
        assertEquals("aoi.t0605@au.com", result.getString("recipient"));
        assertEquals("recipient_filter", result.getString("category"));
        assertTrue(result.getString("label").codePoints().anyMatch(cp -> cp > 0x3000), "default language is ja");
    }

    @Test
    void takesAWholeMessageAsTextPlainToo() throws Exception {
        JsonObject body = new JsonObject(post("/v1/classify", "text/plain; charset=utf-8",
                fixture("auto-reply/rfc3834-auto-submitted.eml")).body());
        assertEquals("auto_reply", body.getString("messageKind"));
        JsonObject result = body.getJsonArray("results").getJsonObject(0);
        assertEquals("sato.kenji@example.jp", result.getString("recipient"));
        assertEquals("auto_reply", result.getString("category"));
        assertEquals("none", result.getString("action"));
    }

    @Test
    void aMessageThatIsNoBounceHasNoResults() throws Exception {
        HttpResponse<String> response = post("/v1/classify", "message/rfc822", fixture("not-a-bounce/human-reply.eml"));
        assertEquals(200, response.statusCode());
        JsonObject body = new JsonObject(response.body());
        assertEquals("not_a_bounce", body.getString("messageKind"));
        assertTrue(body.getJsonArray("results").isEmpty());
    }

    @Test
    void anEmptyMessageIsABadRequest() throws Exception {
        HttpResponse<String> response = post("/v1/classify", "message/rfc822", new byte[0]);
        assertEquals(400, response.statusCode());
        assertEquals("empty_body", new JsonObject(response.body()).getString("error"));
    }

    @Test
    void otherTypesAreStillRefused() throws Exception {
        HttpResponse<String> response = post("/v1/classify", "application/pdf", new byte[] {1, 2, 3});
        assertEquals(415, response.statusCode());
        JsonObject body = new JsonObject(response.body());
        assertEquals("unsupported_media_type", body.getString("error"));
        assertTrue(body.getString("message").contains("message/rfc822"), body.getString("message"));
    }
}
