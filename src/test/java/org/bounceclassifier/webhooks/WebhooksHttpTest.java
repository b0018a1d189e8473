package org.bounceclassifier.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.http.HttpApi;
import org.bounceclassifier.http.HttpConfig;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.ledger.LedgerConfig;
import org.bounceclassifier.ledger.LedgerStores;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ServiceMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each platform's webhook against a real server and ledger, with events signed in the test the way
 * the platform signs them (keys made here), from fixtures written after each platform's published
 * payloads: a valid call is recorded and classified by the rules, an invalid one refused with 401.
 */
class WebhooksHttpTest {
    private static final Path FIXTURES = Path.of("src/test/resources/webhooks");
    private static final String MAILGUN_KEY = "key-mailgun-test-0123456789";
    private static final String POSTMARK_USER = "postmark-hook";
    private static final String POSTMARK_PASSWORD = "pm-secret-4711";
    private static final String SPARKPOST_AUTH = "sp-token-7f3a9c";
    private static final String TOPIC = "arn:aws:sns:ap-northeast-1:123456789012:ses-bounces";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static Vertx vertx;
    private static CurrentRules rules;
    private static Ledger ledger;
    private static HttpServer server;
    private static Path dataDir;
    private static KeyPair sendgridKeys;
    private static FakeSns sns;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("webhooks-test-");
        rules = new CurrentRules(TestRules.RULES, TestRules.CASES, false);
        assertTrue(rules.load().ok());
        ledger = new Ledger(LedgerStores.open(LedgerConfig.embedded(dataDir, LedgerConfig.DEFAULT_RETENTION_DAYS)),
                Clock.systemUTC(), LedgerConfig.DEFAULT_RETENTION_DAYS);
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        sendgridKeys = ec.generateKeyPair();
        sns = new FakeSns();
        WebhookPlatforms platforms = WebhookPlatforms.fromEnvironment(Map.of(
                "BOUNCE_MAILGUN_SIGNING_KEY", MAILGUN_KEY,
                "BOUNCE_POSTMARK_USER", POSTMARK_USER,
                "BOUNCE_POSTMARK_PASSWORD", POSTMARK_PASSWORD,
                "BOUNCE_SPARKPOST_AUTH", SPARKPOST_AUTH,
                "BOUNCE_SENDGRID_PUBLIC_KEY", Base64.getEncoder().encodeToString(sendgridKeys.getPublic().getEncoded()),
                "BOUNCE_SES_TOPIC_ARNS", TOPIC + ",arn:aws:sns:us-east-1:123456789012:other"), sns);
        assertEquals(List.of("mailgun", "postmark", "sendgrid", "ses", "sparkpost"), platforms.enabledIds());
        vertx = Vertx.vertx();
        server = HttpApi.start(vertx, rules, new ServiceMetrics(), new HttpConfig("127.0.0.1", 0,
                HttpConfig.DEFAULT_MAX_BODY_BYTES, "en", null), ledger, platforms)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        ledger.close();
        rules.close();
        try (var walk = Files.walk(dataDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String fixture(String name) throws Exception {
        return Files.readString(FIXTURES.resolve(name));
    }

    private static HttpResponse<String> post(String platform, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort()
                + "/v1/webhooks/" + platform)).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        b.header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject recipient(String address) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.actualPort() + "/v1/recipients/" + address)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), address + ": " + r.body());
        return new JsonObject(r.body());
    }

    private static JsonObject lastEvent(String address) throws Exception {
        return recipient(address).getJsonArray("events").getJsonObject(0);
    }

    private static void assertRefused(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(code, new JsonObject(r.body()).getString("error"), r.body());
    }

    // Mailgun

    private static String mailgunSigned(String fixture, String key) throws Exception {
        JsonObject body = new JsonObject(fixture(fixture));
        JsonObject sig = body.getJsonObject("signature");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        sig.put("signature", HexFormat.of().formatHex(mac.doFinal((sig.getString("timestamp") + sig.getString("token"))
                .getBytes(StandardCharsets.UTF_8))));
        return body.encode();
    }

    @Test
    void mailgunSignedEventsAreRecordedAndABadSignatureIsRefused() throws Exception {
        assertRefused(post("mailgun", mailgunSigned("mailgun/failed-permanent.json", "not-the-key")), 401,
                "unauthenticated");
        assertRefused(post("mailgun", fixture("mailgun/failed-permanent.json")), 401, "unauthenticated");

        String signed = mailgunSigned("mailgun/failed-permanent.json", MAILGUN_KEY);
        HttpResponse<String> r = post("mailgun", signed);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject event = new JsonObject(r.body()).getJsonArray("events").getJsonObject(0);
        assertEquals("bad_mailbox", event.getString("category"), r.body());
        assertEquals("failed/permanent", event.getString("platformType"));
        assertEquals("suppressed", recipient("mg.unknown@example.jp").getString("state"));

        HttpResponse<String> again = post("mailgun", signed);
        assertEquals(200, again.statusCode());
        assertTrue(new JsonObject(again.body()).getJsonArray("events").getJsonObject(0).getBoolean("duplicate"));
        assertEquals(1, recipient("mg.unknown@example.jp").getJsonArray("events").size(), "a resent webhook counts once");

        assertEquals(200, post("mailgun", mailgunSigned("mailgun/complained.json", MAILGUN_KEY)).statusCode());
        assertEquals("complaint", lastEvent("mg.complainer@example.jp").getString("category"));
        HttpResponse<String> traffic = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.actualPort() + "/v1/traffic")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(2, new JsonObject(traffic.body()).getJsonObject("sources").getInteger("mailgun"),
                "the traffic view counts the two new mailgun classifications, not the resent one: " + traffic.body());
    }

    // Postmark

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void postmarkTakesItsBasicAuthAndADeliveryEndsTheSoftBounceRun() throws Exception {
        String auth = basic(POSTMARK_USER, POSTMARK_PASSWORD);
        assertRefused(post("postmark", fixture("postmark/bounce-hard.json")), 401, "unauthenticated");
        assertRefused(post("postmark", fixture("postmark/bounce-hard.json"), "Authorization",
                basic(POSTMARK_USER, "guess")), 401, "unauthenticated");

        HttpResponse<String> hard = post("postmark", fixture("postmark/bounce-hard.json"), "Authorization", auth);
        assertEquals(200, hard.statusCode(), hard.body());
        JsonObject e = new JsonObject(hard.body()).getJsonArray("events").getJsonObject(0);
        assertEquals("bad_mailbox", e.getString("category"));
        assertEquals("HardBounce", e.getString("platformType"), "Postmark's own type is kept as evidence");

        assertEquals(200, post("postmark", fixture("postmark/bounce-soft.json"), "Authorization", auth).statusCode());
        JsonObject soft = recipient("pm.soft@example.jp");
        assertEquals("mailbox_full", soft.getJsonArray("events").getJsonObject(0).getString("category"));
        assertEquals(1, soft.getInteger("consecutiveSoftBounces"));
        assertEquals(200, post("postmark", fixture("postmark/delivery.json"), "Authorization", auth).statusCode());
        assertEquals(0, recipient("pm.soft@example.jp").getInteger("consecutiveSoftBounces"), "the delivery reset it");

        assertEquals(200, post("postmark", fixture("postmark/spam-complaint.json"), "Authorization", auth).statusCode());
        assertEquals("complaint", lastEvent("pm.complainer@example.jp").getString("category"));
    }

    // SparkPost

    @Test
    void sparkPostTakesItsAuthHeaderAndABatch() throws Exception {
        assertRefused(post("sparkpost", fixture("sparkpost/batch.json")), 401, "unauthenticated");
        assertRefused(post("sparkpost", fixture("sparkpost/batch.json"), "X-MessageSystems-Webhook-Token", "nope"),
                401, "unauthenticated");

        HttpResponse<String> r = post("sparkpost", fixture("sparkpost/batch.json"),
                "X-MessageSystems-Webhook-Token", SPARKPOST_AUTH);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject body = new JsonObject(r.body());
        assertEquals(3, body.getJsonArray("events").size(), r.body());
        assertEquals(1, body.getInteger("ignored"), "the open is no news for the ledger");
        assertEquals("bad_mailbox", lastEvent("sp.unknown@example.jp").getString("category"));
        assertEquals("complaint", lastEvent("sp.complainer@example.jp").getString("category"));
        assertEquals("delivery", lastEvent("sp.reader@example.jp").getString("kind"));
        // basic auth, the other way SparkPost authenticates, works with the same setting
        assertEquals(200, post("sparkpost", "[]", "Authorization", SPARKPOST_AUTH).statusCode());
    }

    // SendGrid

    private static String[] sendgridHeaders(String body, String timestamp) throws Exception {
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(sendgridKeys.getPrivate());
        ecdsa.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
        return new String[] {SendGridWebhook.SIGNATURE, Base64.getEncoder().encodeToString(ecdsa.sign()),
            SendGridWebhook.TIMESTAMP, timestamp};
    }

    @Test
    void sendGridSignedEventsAreVerifiedOverTimestampAndBody() throws Exception {
        String body = fixture("sendgrid/batch.json");
        assertRefused(post("sendgrid", body), 401, "unauthenticated");
        String[] signed = sendgridHeaders(body, "1733475700");
        assertRefused(post("sendgrid", body.replace("sg.unknown", "sg.someone-else"), signed), 401, "unauthenticated");
        assertRefused(post("sendgrid", body, SendGridWebhook.SIGNATURE, signed[1], SendGridWebhook.TIMESTAMP,
                "1733475701"), 401, "unauthenticated");

        HttpResponse<String> r = post("sendgrid", body, signed);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject answer = new JsonObject(r.body());
        assertEquals(4, answer.getJsonArray("events").size(), r.body());
        assertEquals(2, answer.getInteger("ignored"), "the open and the drop");
        assertEquals("bad_mailbox", lastEvent("sg.unknown@example.jp").getString("category"));
        JsonObject deferred = recipient("sg.busy@example.jp");
        assertEquals("delayed", deferred.getJsonArray("events").getJsonObject(0).getString("category"),
                "a deferral is told to the rules as DSN action delayed");
        assertEquals(0, deferred.getInteger("consecutiveSoftBounces"), "a deferral is no bounce yet");
        assertEquals("complaint", lastEvent("sg.complainer@example.jp").getString("category"));
        assertEquals("delivery", lastEvent("sg.reader@example.jp").getString("kind"));
    }

    // Amazon SES through SNS

    @Test
    void sesConfirmsItsSubscriptionAndTakesSignedNotificationsOfItsTopicsOnly() throws Exception {
        String subscribe = "https://sns.ap-northeast-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + TOPIC
                + "&Token=2336412f37fb687f5d51e6e2425dacbba7d9";
        HttpResponse<String> confirmation = post("ses", sns.subscriptionConfirmation(TOPIC, subscribe));
        assertEquals(200, confirmation.statusCode(), confirmation.body());
        assertEquals(List.of(URI.create(subscribe)), sns.confirmed);

        HttpResponse<String> bounce = post("ses", sns.notification(TOPIC, "m-1", fixture("ses/bounce.json"), "1"));
        assertEquals(200, bounce.statusCode(), bounce.body());
        JsonObject e = new JsonObject(bounce.body()).getJsonArray("events").getJsonObject(0);
        assertEquals("bad_mailbox", e.getString("category"), bounce.body());
        assertEquals("Permanent/General", e.getString("platformType"));
        assertEquals("suppressed", recipient("ses.unknown@example.jp").getString("state"));

        assertEquals(200, post("ses", sns.notification(TOPIC, "m-2", fixture("ses/complaint.json"), "2")).statusCode());
        assertEquals("complaint", lastEvent("ses.complainer@example.jp").getString("category"));
        assertEquals(200, post("ses", sns.notification(TOPIC, "m-3", fixture("ses/delivery.json"), "2")).statusCode());
        assertEquals("delivery", lastEvent("ses.reader@example.jp").getString("kind"));
    }

    @Test
    void sesRefusesForgedMessagesForeignCertificatesAndOtherTopics() throws Exception {
        String good = sns.notification(TOPIC, "m-9", fixture("ses/bounce.json").replace("ses.unknown", "ses.forged"), "1");
        JsonObject tampered = new JsonObject(good);
        tampered.put("Message", tampered.getString("Message").replace("ses.forged", "ses.victim"));
        assertRefused(post("ses", tampered.encode()), 401, "unauthenticated");

        int fetchedBefore = sns.fetched.size();
        JsonObject elsewhere = new JsonObject(good).put("SigningCertURL", "https://sns.evil.example/cert.pem");
        assertRefused(post("ses", elsewhere.encode()), 401, "unauthenticated");
        JsonObject plain = new JsonObject(good).put("SigningCertURL",
                "http://sns.ap-northeast-1.amazonaws.com/SimpleNotificationService-0000000000.pem");
        assertRefused(post("ses", plain.encode()), 401, "unauthenticated");
        assertEquals(fetchedBefore, sns.fetched.size(), "no certificate is fetched from anywhere but SNS over https");

        String otherTopic = sns.notification("arn:aws:sns:eu-west-1:999999999999:not-ours", "m-10",
                fixture("ses/bounce.json").replace("ses.unknown", "ses.foreign"), "1");
        assertRefused(post("ses", otherTopic), 403, "topic_not_allowed");
        assertRefused(post("ses", "{\"Type\": \"Notification\", \"Message\": \"{}\"}"), 401, "unauthenticated");

        HttpResponse<String> none = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.actualPort() + "/v1/recipients/ses.victim@example.jp")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, none.statusCode(), "nothing refused was recorded");
    }

    @Test
    void anUnknownPlatformIs404() throws Exception {
        assertRefused(post("mandrill", "{}"), 404, "unknown_platform");
    }

    @Test
    void aPlatformWithoutItsSecretIsOff() throws Exception {
        Vertx other = Vertx.vertx();
        try {
            HttpServer off = HttpApi.start(other, rules, new ServiceMetrics(), new HttpConfig("127.0.0.1", 0,
                    HttpConfig.DEFAULT_MAX_BODY_BYTES, "en", null), ledger,
                    WebhookPlatforms.fromEnvironment(Map.of("BOUNCE_POSTMARK_USER", "only-the-user"), sns))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            for (String platform : List.of("ses", "sendgrid", "postmark", "mailgun", "sparkpost")) {
                HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + off.actualPort() + "/v1/webhooks/" + platform)).POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertRefused(r, 403, "webhook_disabled");
                assertTrue(new JsonObject(r.body()).getString("message").contains("BOUNCE_"), r.body());
            }
        } finally {
            other.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
