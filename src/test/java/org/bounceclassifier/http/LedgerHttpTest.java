package org.bounceclassifier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.ledger.LedgerConfig;
import org.bounceclassifier.ledger.LedgerStores;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ServiceMetrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ledger endpoints as a new user tries them, against a real server and the embedded store. */
class LedgerHttpTest {
    private static final String ADMIN_TOKEN = "ledger-test-token-91c2";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static Vertx vertx;
    private static CurrentRules rules;
    private static Ledger ledger;
    private static HttpServer server;
    private static Path dataDir;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("ledger-http-test-");
        rules = new CurrentRules(TestRules.RULES, TestRules.CASES, false);
        assertTrue(rules.load().ok());
        ledger = new Ledger(LedgerStores.open(LedgerConfig.embedded(dataDir, LedgerConfig.DEFAULT_RETENTION_DAYS)),
                Clock.systemUTC(), LedgerConfig.DEFAULT_RETENTION_DAYS);
        vertx = Vertx.vertx();
        server = HttpApi.start(vertx, rules, new ServiceMetrics(), new HttpConfig("127.0.0.1", 0, HttpConfig.DEFAULT_MAX_BODY_BYTES, "ja",
                ADMIN_TOKEN), ledger).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        ledger.close();
        rules.close();
        try (var walk = Files.walk(dataDir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path));
    }

    private static HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
        return CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(request(path).GET());
    }

    private static HttpResponse<String> release(String address, String body, String... headers) throws Exception {
        HttpRequest.Builder r = request("/v1/suppressions/" + address).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return send(r);
    }

    private static JsonObject ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return new JsonObject(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject body = new JsonObject(response.body());
        assertEquals(code, body.getString("error"), response.body());
        assertFalse(body.getString("message").isBlank());
    }

    private static String softBounce(String recipient, String eventId) {
        return new JsonObject().put("recipient", recipient).put("eventId", eventId).put("smtpCode", 452)
                .put("enhancedStatus", "4.2.2").put("diagnostic", "452 4.2.2 <" + recipient + ">: Mailbox full").encode();
    }

    @Test
    void fiveSoftBouncesSuppressACheckListsItAndAReleaseWithTheTokenFreesIt() throws Exception {
        String r = "Yuki@Example.JP";
        for (int i = 1; i <= 4; i++) {
            JsonObject b = ok(post("/v1/bounces?lang=en", softBounce(r, "scenario-" + i)));
            assertEquals("mailbox_full", b.getString("category"));
            assertEquals("counted", b.getString("effect"));
            assertEquals("soft_bouncing", b.getJsonObject("recipient").getString("state"));
            assertEquals(i, b.getJsonObject("recipient").getInteger("consecutiveSoftBounces"));
        }
        JsonObject fifth = ok(post("/v1/bounces?lang=en", softBounce(r, "scenario-5")));
        assertEquals("hard", fifth.getString("bounceType"));
        assertEquals("suppress", fifth.getString("action"));
        assertEquals("suppressed", fifth.getString("effect"));
        JsonObject recipient = fifth.getJsonObject("recipient");
        assertEquals("yuki@example.jp", recipient.getString("address"), "the ledger keys addresses without case");
        assertEquals("suppressed", recipient.getString("state"));
        assertEquals("scenario-5", recipient.getJsonObject("suppression").getString("eventId"));

        JsonObject check = ok(post("/v1/suppressions/check",
                "{\"addresses\": [\"Yuki@example.jp\", \"someone@example.jp\", \"YUKI@EXAMPLE.JP\"]}"));
        assertEquals(3, check.getInteger("checked"));
        JsonArray found = check.getJsonArray("suppressed");
        assertEquals(List.of("Yuki@example.jp", "YUKI@EXAMPLE.JP"),
                found.stream().map(o -> ((JsonObject) o).getString("address")).toList());
        assertEquals("mailbox_full", found.getJsonObject(0).getString("category"));

        assertError(release(r, "{\"reason\": \"fixed\"}"), 401, "unauthorized");
        assertError(release(r, "{\"reason\": \"fixed\"}", "Authorization", "Bearer wrong"), 403, "forbidden");
        assertError(release(r, "{}", "Authorization", "Bearer " + ADMIN_TOKEN), 400, "missing_field");
        JsonObject released = ok(release(r, "{\"reason\": \"the customer emptied the mailbox and called us\"}",
                "Authorization", "Bearer " + ADMIN_TOKEN, "X-Actor", "sato"));
        assertEquals("released", released.getString("state"));
        assertEquals("sato", released.getJsonObject("release").getString("actor"));
        assertError(release(r, "{\"reason\": \"again\"}", "Authorization", "Bearer " + ADMIN_TOKEN), 409,
                "not_suppressed");

        assertTrue(ok(post("/v1/suppressions/check", "{\"addresses\": [\"Yuki@example.jp\"]}"))
                .getJsonArray("suppressed").isEmpty());
        JsonObject view = ok(get("/v1/recipients/Yuki%40example.JP"));
        assertEquals("released", view.getString("state"));
        JsonObject audit = view.getJsonArray("audit").getJsonObject(0);
        assertEquals("sato", audit.getString("actor"));
        assertEquals("the customer emptied the mailbox and called us", audit.getString("reason"));
        assertEquals("mailbox_full", audit.getString("category"));
        assertEquals("scenario-5", audit.getString("eventId"));
        JsonObject lastEvent = view.getJsonArray("events").getJsonObject(0);
        assertEquals("scenario-5", lastEvent.getString("eventId"));
        assertEquals("suppressed", lastEvent.getString("effect"));
        assertTrue(lastEvent.getJsonArray("matchedRules").contains("decide: the fifth soft bounce in a row is treated as hard"));
    }

    @Test
    void aTwoHundredReplyIsRefusedSayingWhatToDoAndRecordsNothing() throws Exception {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = post("/v1/bounces?lang=en", new JsonObject().put("recipient", "ok@example.com")
                    .put("diagnostic", "250 2.0.0 OK queued").encode());
            assertError(r, 400, "not_a_failure");
            assertTrue(new JsonObject(r.body()).getString("message").contains("POST /v1/deliveries"), r.body());
        }
        assertError(get("/v1/recipients/ok@example.com"), 404, "unknown_recipient");
        assertTrue(ok(post("/v1/suppressions/check", "{\"addresses\": [\"ok@example.com\"]}"))
                .getJsonArray("suppressed").isEmpty());
    }

    @Test
    void retriesOfOneMessageCountOnceAndTheRecipientShowsWhatTheReceiverSaid() throws Exception {
        String r = "Retry@Example.JP";
        for (int i = 1; i <= 5; i++) {
            JsonObject b = ok(post("/v1/bounces?lang=en", new JsonObject().put("recipient", r)
                    .put("messageId", "queue-4F2A").put("occurredAt", "2026-11-24T09:00:0" + i + "Z")
                    .put("smtpCode", 452).put("diagnostic", "452 4.2.2 <retry@example.jp>: mailbox full (sent by"
                            + " newsletter@shop.example)").encode()));
            assertEquals(i == 1 ? "counted" : "unchanged", b.getString("effect"));
            assertEquals(1, b.getJsonObject("recipient").getInteger("consecutiveSoftBounces"));
        }
        JsonObject view = ok(get("/v1/recipients/retry@example.jp"));
        assertEquals("soft_bouncing", view.getString("state"));
        JsonObject last = view.getJsonArray("events").getJsonObject(0);
        assertEquals("queue-4F2A", last.getString("messageId"));
        assertEquals("2026-11-24T09:00:05Z", last.getString("occurredAt"));
        assertEquals("452 4.2.2 <retry@example.jp>: mailbox full (sent by n***@***)", last.getString("diagnostic"));
        assertError(post("/v1/bounces", new JsonObject().put("recipient", r).put("occurredAt", "yesterday")
                .put("smtpCode", 452).encode()), 400, "invalid_field");
    }

    private static HttpResponse<String> admin(String method, String path, String contentType, String body)
            throws Exception {
        return send(request(path).header("Content-Type", contentType).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("X-Actor", "ops-kato").method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void anOperatorSuppressesImportsAndResetsWithTheTokenAndTheAuditKeepsIt() throws Exception {
        assertError(post("/v1/suppressions", "{\"address\": \"x@example.jp\", \"reason\": \"r\"}"), 401,
                "unauthorized");
        assertError(admin("POST", "/v1/suppressions", "application/json", "{\"address\": \"x@example.jp\"}"), 400,
                "missing_field");
        JsonObject manual = ok(admin("POST", "/v1/suppressions", "application/json",
                "{\"address\": \"Manual@Example.JP\", \"reason\": \"legal asked us to stop\"}"));
        assertEquals("suppressed", manual.getString("state"));
        assertEquals("manual", manual.getJsonObject("suppression").getString("category"));
        assertEquals("ops-kato", manual.getJsonObject("audit").getString("actor"));
        assertError(admin("POST", "/v1/suppressions", "application/json",
                "{\"address\": \"manual@example.jp\", \"reason\": \"again\"}"), 409, "already_suppressed");
        assertEquals(1, ok(get("/v1/suppressions?category=manual")).getInteger("total"));

        StringBuilder csv = new StringBuilder("\uFEFFAddress,Reason,Date,Category,Source\r\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("list").append(i).append("@Imported.example,").append("\"bounced, on the old ESP\",")
                    .append(i % 2 == 0 ? "2025-06-01" : "").append(',').append(i % 5 == 0 ? "bad_mailbox" : "")
                    .append(",old-esp\r\n");
        }
        csv.append("manual@example.jp,also on the old list,,,old-esp\r\n");
        assertError(post("/v1/suppressions/import", csv.toString()), 401, "unauthorized");
        JsonObject imported = ok(admin("POST", "/v1/suppressions/import", "text/csv", csv.toString()));
        assertEquals(20_001, imported.getInteger("rows"));
        assertEquals(20_000, imported.getInteger("suppressed"));
        assertEquals(1, imported.getInteger("alreadySuppressed"));
        JsonObject again = ok(admin("POST", "/v1/suppressions/import", "text/csv", csv.toString()));
        assertEquals(0, again.getInteger("suppressed"), "an import is idempotent");
        assertEquals(20_000, ok(get("/v1/suppressions?domain=IMPORTED.example&limit=1")).getInteger("total"));
        JsonObject list5 = ok(get("/v1/recipients/list5@imported.example"));
        assertEquals("bad_mailbox", list5.getJsonObject("suppression").getString("category"));
        assertEquals("import", list5.getJsonArray("audit").getJsonObject(0).getString("action"));
        assertEquals("bounced, on the old ESP", list5.getJsonArray("audit").getJsonObject(0).getString("reason"));

        String bad = "address,reason,date,category\n"
                + "good1@bad-file.example,fine,,\n"
                + "not-an-address,fine,,\n"
                + "good2@bad-file.example,,,\n"
                + "good3@bad-file.example,fine,yesterday,\n"
                + "good4@bad-file.example,fine,,no_such_category\n";
        HttpResponse<String> refused = admin("POST", "/v1/suppressions/import", "text/csv", bad);
        assertEquals(400, refused.statusCode(), refused.body());
        JsonObject why = new JsonObject(refused.body());
        assertEquals("invalid_rows", why.getString("error"));
        assertEquals(4, why.getInteger("errorCount"));
        assertEquals(List.of(2L, 3L, 4L, 5L), why.getJsonArray("errors").stream()
                .map(o -> ((JsonObject) o).getLong("row")).toList());
        assertTrue(why.getJsonArray("errors").getJsonObject(0).getString("message").contains("not-an-address"));
        assertError(get("/v1/recipients/good1@bad-file.example"), 404, "unknown_recipient");
        assertError(admin("POST", "/v1/suppressions/import", "text/csv", "email,why\nx@example.jp,y\n"), 400,
                "invalid_csv");
        assertError(admin("POST", "/v1/suppressions/import", "application/json", "{}"), 415,
                "unsupported_media_type");

        String r = "reset@example.jp";
        ok(post("/v1/bounces?lang=en", softBounce(r, "reset-1")));
        ok(post("/v1/bounces?lang=en", softBounce(r, "reset-2")));
        assertError(admin("POST", "/v1/recipients/" + r + "/reset", "application/json", "{}"), 400, "missing_field");
        JsonObject reset = ok(admin("POST", "/v1/recipients/" + r + "/reset", "application/json",
                "{\"reason\": \"the customer freed space\"}"));
        assertEquals("active", reset.getString("state"));
        assertEquals(0, reset.getInteger("consecutiveSoftBounces"));
        assertEquals("reset", reset.getJsonObject("audit").getString("action"));
        assertError(admin("POST", "/v1/recipients/" + r + "/reset", "application/json",
                "{\"reason\": \"again\"}"), 409, "no_run");
        assertError(admin("POST", "/v1/recipients/manual@example.jp/reset", "application/json",
                "{\"reason\": \"no\"}"), 409, "suppressed");
        assertError(admin("POST", "/v1/recipients/nobody@example.jp/reset", "application/json",
                "{\"reason\": \"no\"}"), 404, "unknown_recipient");
    }

    @Test
    void readyAndMetricsShowTheLedger() throws Exception {
        JsonObject ready = ok(get("/ready"));
        assertEquals("READY", ready.getString("status"));
        assertTrue(ready.getString("ledger").startsWith("SQLite at "), ready.encode());
        ok(post("/v1/bounces?lang=en", new JsonObject().put("recipient", "metrics@example.jp").put("smtpCode", 550)
                .put("diagnostic", "550 5.1.1 user unknown").encode()));
        String metrics = get("/metrics").body();
        for (String expected : List.of("bounce_ledger_ready 1.0",
                "bounce_ledger_events_total{effect=\"suppressed\",kind=\"bounce\"}",
                "bounce_ledger_suppressions_total{source=\"bounce\"}",
                "bounce_ledger_latency_seconds_count{operation=\"record_bounce\"}")) {
            assertTrue(metrics.contains(expected), expected + " in " + metrics.lines()
                    .filter(l -> l.startsWith("bounce_ledger")).toList());
        }
    }

    @Test
    void aReevaluationIsAnAdminCallAndADryRunChangesNothing() throws Exception {
        ok(post("/v1/bounces?lang=en", softBounce("reeval@example.jp", "reeval-1")));
        assertError(post("/v1/ledger/reevaluate?dryRun=true", ""), 401, "unauthorized");
        assertError(admin("POST", "/v1/ledger/reevaluate?dryRun=maybe", "application/json", ""), 400,
                "invalid_parameter");
        JsonObject dry = ok(admin("POST", "/v1/ledger/reevaluate?dryRun=true", "application/json", ""));
        assertTrue(dry.getBoolean("dryRun"));
        assertEquals(rules.get().version(), dry.getString("rulesVersion"));
        assertTrue(dry.getLong("events") >= 1, dry.encode());
        assertEquals(0L, dry.getJsonObject("wouldSuppress").getLong("count"), "the same rules decide the same");
        assertEquals(0L, dry.getJsonObject("wouldRelease").getLong("count"), dry.encode());
        assertEquals(0L, dry.getLong("eventsThatWouldChange"), dry.encode());
        JsonObject applied = ok(admin("POST", "/v1/ledger/reevaluate", "application/json", ""));
        assertFalse(applied.getBoolean("dryRun"));
        assertEquals(0L, applied.getLong("eventsChanged"), applied.encode());
    }

    @Test
    void theSameEventIdTwiceCountsOnceAndADeliveryResetsTheRun() throws Exception {
        String r = "twice@example.jp";
        assertFalse(ok(post("/v1/bounces", softBounce(r, "dup-1"))).getBoolean("duplicate"));
        JsonObject again = ok(post("/v1/bounces", softBounce(r, "dup-1")));
        assertTrue(again.getBoolean("duplicate"));
        assertEquals(1, again.getJsonObject("recipient").getInteger("consecutiveSoftBounces"));

        JsonObject delivered = ok(post("/v1/deliveries", "{\"recipient\": \"twice@example.jp\", \"eventId\": \"sent-9\"}"));
        assertEquals("reset", delivered.getString("effect"));
        assertEquals("active", delivered.getJsonObject("recipient").getString("state"));
        assertEquals(0, delivered.getJsonObject("recipient").getInteger("consecutiveSoftBounces"));
        assertTrue(ok(post("/v1/deliveries", "{\"recipient\": \"twice@example.jp\", \"eventId\": \"sent-9\"}"))
                .getBoolean("duplicate"));
    }

    @Test
    void theSuppressionListPagesFiltersAndExportsCsv() throws Exception {
        for (int i = 0; i < 5; i++) {
            String r = "list" + i + "@listed.example";
            ok(post("/v1/bounces", "{\"recipient\": \"" + r + "\", \"smtpCode\": 550, \"enhancedStatus\": \"5.1.1\","
                    + " \"diagnostic\": \"550 5.1.1 User unknown\"}"));
        }
        JsonObject first = ok(get("/v1/suppressions?domain=LISTED.example&limit=2"));
        assertEquals(5, first.getLong("total"));
        assertEquals(2, first.getJsonArray("suppressions").size());
        JsonObject second = ok(get("/v1/suppressions?domain=listed.example&limit=2&cursor="
                + first.getString("nextCursor")));
        JsonObject third = ok(get("/v1/suppressions?domain=listed.example&limit=2&cursor="
                + second.getString("nextCursor")));
        assertEquals(1, third.getJsonArray("suppressions").size());
        assertNull(third.getString("nextCursor"));
        assertEquals(0, ok(get("/v1/suppressions?domain=listed.example&category=complaint")).getLong("total"));

        HttpResponse<String> csv = get("/v1/suppressions.csv?domain=listed.example&category=bad_mailbox");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertEquals("address,domain,category,suppressed_at,event_id,matched_rules", lines.get(0));
        assertEquals(6, lines.size(), csv.body());
        assertTrue(lines.get(1).startsWith("list0@listed.example,listed.example,bad_mailbox,"), lines.get(1));
    }

    @Test
    void aCheckTakesTenThousandAddressesAndNoMore() throws Exception {
        // long addresses: the body is over the default 1 MiB limit, which the check route lifts
        String local = "x".repeat(120);
        JsonArray addresses = new JsonArray(IntStream.range(0, 10_000)
                .mapToObj(i -> local + i + "@check.example").collect(java.util.stream.Collectors.toList()));
        String body = new JsonObject().put("addresses", addresses).encode();
        assertTrue(body.length() > HttpConfig.DEFAULT_MAX_BODY_BYTES);
        JsonObject answer = ok(post("/v1/suppressions/check", body));
        assertEquals(10_000, answer.getInteger("checked"));
        addresses.add("one-more@check.example");
        assertError(post("/v1/suppressions/check", new JsonObject().put("addresses", addresses).encode()), 400,
                "too_many_addresses");
    }

    @Test
    void badInputGetsAClearErrorAndChangesNothing() throws Exception {
        assertError(post("/v1/bounces", "{\"smtpCode\": 550}"), 400, "missing_field");
        assertError(post("/v1/bounces", "{\"recipient\": \"no-at-sign\", \"smtpCode\": 550}"), 400, "invalid_field");
        assertError(post("/v1/bounces", "{\"recipient\": \"a@b.example\"}"), 400, "no_evidence");
        assertError(post("/v1/bounces", "{\"recipient\": \"a@b.example\", \"smtpCode\": 452,"
                + " \"history\": {\"consecutiveSoftBounces\": 4}}"), 400, "invalid_field");
        assertError(post("/v1/bounces", "{\"recipient\": \"a@b.example\", \"smtpCode\": 550, \"eventId\": 7}"), 400,
                "invalid_field");
        assertError(post("/v1/bounces", "{\"recipient\": \"a@b.example\", \"smtpCode\": 550, \"eventId\": \""
                + "e".repeat(201) + "\"}"), 400, "invalid_field");
        assertError(post("/v1/bounces", "[1, 2]"), 400, "malformed_json");
        assertError(send(request("/v1/bounces").header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<bounce/>"))), 415, "unsupported_media_type");
        assertError(send(request("/v1/bounces").header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.noBody())), 400, "empty_body");
        assertError(post("/v1/deliveries", "{}"), 400, "missing_field");
        assertError(post("/v1/suppressions/check", "{\"addresses\": \"a@b.example\"}"), 400, "invalid_field");
        assertError(post("/v1/suppressions/check", "{\"addresses\": [\"a@b.example\", \"broken\"]}"), 400,
                "invalid_field");
        assertError(get("/v1/suppressions?category=nonsense"), 400, "invalid_parameter");
        assertError(get("/v1/suppressions?since=yesterday"), 400, "invalid_parameter");
        assertError(get("/v1/suppressions?limit=0"), 400, "invalid_parameter");
        assertError(get("/v1/suppressions?cursor=!!!"), 400, "invalid_parameter");
        assertError(get("/v1/suppressions.csv?since=2026-13-01"), 400, "invalid_parameter");
        assertError(get("/v1/recipients/never-seen@example.jp"), 404, "unknown_recipient");
        assertError(release("never-seen@example.jp", "{\"reason\": \"x\"}", "Authorization", "Bearer " + ADMIN_TOKEN),
                404, "unknown_recipient");
        assertError(get("/v1/recipients/a@b.example"), 404, "unknown_recipient");
    }

    @Test
    void aLedgerDatabaseThatIsGoneAnswers503AndSaysHowToRetry() throws Exception {
        Path dir = Files.createTempDirectory("ledger-http-gone-");
        Ledger gone = new Ledger(LedgerStores.open(LedgerConfig.embedded(dir, 1)), Clock.systemUTC(), 1);
        Vertx v = Vertx.vertx();
        try {
            HttpServer s = HttpApi.start(v, rules, new ServiceMetrics(), new HttpConfig("127.0.0.1", 0, HttpConfig.DEFAULT_MAX_BODY_BYTES,
                    "en", ADMIN_TOKEN), gone).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            gone.close();
            String base = "http://127.0.0.1:" + s.actualPort();
            assertError(send(HttpRequest.newBuilder(URI.create(base + "/v1/bounces"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(softBounce("gone@example.jp", "g-1")))), 503,
                    "ledger_unavailable");
            assertError(send(HttpRequest.newBuilder(URI.create(base + "/v1/suppressions")).GET()), 503,
                    "ledger_unavailable");
        } finally {
            v.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aRawBounceEmailRecordsEveryFailedRecipientOnce() throws Exception {
        byte[] eml = java.nio.file.Files.readAllBytes(
                java.nio.file.Path.of("src/test/resources/bounces/postfix/dsn-two-recipients.eml"));
        HttpRequest.Builder raw = request("/v1/bounces?lang=en").header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofByteArray(eml));
        JsonObject first = ok(send(raw));
        assertEquals("dsn", first.getString("messageKind"));
        JsonArray results = first.getJsonArray("results");
        assertEquals(2, results.size(), first.encodePrettily());
        JsonObject full = results.getJsonObject(0);
        JsonObject dead = results.getJsonObject(1);
        assertEquals("mailbox_full", full.getString("category"));
        assertEquals("counted", full.getString("effect"));
        assertEquals("soft_bouncing", full.getJsonObject("recipient").getString("state"));
        assertEquals("bad_mailbox", dead.getString("category"));
        assertEquals("suppressed", dead.getJsonObject("recipient").getString("state"));
        assertTrue(full.getString("eventId").endsWith(" m.fujita@example.co.jp"), full.getString("eventId"));

        // the same e-mail delivered twice to the return path counts once
        JsonObject again = ok(send(request("/v1/bounces").header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofByteArray(eml))));
        assertTrue(again.getJsonArray("results").getJsonObject(0).getBoolean("duplicate"));
        assertTrue(again.getJsonArray("results").getJsonObject(1).getBoolean("duplicate"));
        JsonObject view = ok(get("/v1/recipients/m.fujita@example.co.jp"));
        assertEquals(1, view.getInteger("consecutiveSoftBounces"), view.encodePrettily());

        // mail that is no bounce records nothing
        JsonObject newsletter = ok(send(request("/v1/bounces").header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofString("From: news@shop.example\r\nSubject: Sale\r\n\r\nHi"))));
        assertEquals("not_a_bounce", newsletter.getString("messageKind"));
        assertTrue(newsletter.getJsonArray("results").isEmpty());
    }
}
