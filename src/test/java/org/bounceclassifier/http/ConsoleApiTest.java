package org.bounceclassifier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the web console needs from the service: its files, evidence, traffic, firings and reload events. */
class ConsoleApiTest {
    private static final String ADMIN_TOKEN = "console-api-test-token";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(new HttpConfig("127.0.0.1", 0, HttpConfig.DEFAULT_MAX_BODY_BYTES, "ja", ADMIN_TOKEN));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.uri(path));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject classify(String json) throws Exception {
        HttpResponse<String> r = CLIENT.send(request("/v1/classify?lang=en").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    @Test
    void servesTheConsoleFromTheJarWithAPolicyThatAllowsOnlyThisService() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<script type=\"module\" src=\"console/app.js\"></script>"));
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.startsWith("default-src 'self'"), policy);
        HttpResponse<String> script = get("/console/app.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElse("").contains("javascript"));
        assertEquals(policy, script.headers().firstValue("Content-Security-Policy").orElse(""));
        assertEquals(404, get("/console/no-such-file.js").statusCode());
        assertEquals(404, get("/console/../../../../etc/passwd").statusCode());
        // the API's own answers are unchanged by the console's routes
        assertEquals("method_not_allowed", new JsonObject(get("/v1/classify").body()).getString("error"));
    }

    @Test
    void everyAssetTheConsolePageNamesIsServed() throws Exception {
        String page = get("/").body();
        Matcher names = Pattern.compile("(?:src|href)=\"(console/[^\"]+)\"").matcher(page);
        int found = 0;
        while (names.find()) {
            assertEquals(200, get("/" + names.group(1)).statusCode(), names.group(1));
            found++;
        }
        assertTrue(found >= 3, "the page names its script, style and icon");
    }

    @Test
    void theClassificationShowsTheEvidenceItWasBasedOn() throws Exception {
        JsonObject body = classify("""
                {"diagnostic": "550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown",
                 "recipient": "Taro@Example.JP", "sender": "news@shop.example", "remoteMta": "MX1.Example.JP",
                 "dsnAction": "failed", "history": {"consecutiveSoftBounces": 2}}""");
        JsonObject evidence = body.getJsonObject("evidence");
        assertEquals(550, evidence.getInteger("smtpCode"), "read from the text");
        assertEquals("5.1.1", evidence.getString("enhancedStatus"));
        assertEquals("550 5.1.1 <taro@example.jp>: recipient address rejected: user unknown", evidence.getString("text"));
        assertEquals("example.jp", evidence.getString("recipientDomain"));
        assertEquals("shop.example", evidence.getString("senderDomain"));
        assertEquals("mx1.example.jp", evidence.getString("remoteMta"));
        assertEquals("failed", evidence.getString("dsnAction"));
        assertEquals(2, evidence.getInteger("consecutiveSoftBounces"));
        // the fields that were there before are unchanged
        assertEquals(550, body.getInteger("smtpCode"));
        assertEquals("bad_mailbox", body.getString("category"));
    }

    @Test
    void trafficCountsCategoriesAndListsUnknownTextsWithAddressesMasked() throws Exception {
        classify("{\"diagnostic\": \"parked by the operator: mailbox kenji.watanabe@example.jp\"}");
        classify("{\"diagnostic\": \"452 4.2.2 mailbox full\"}");
        JsonObject traffic = new JsonObject(get("/v1/traffic").body());
        assertEquals(60, traffic.getJsonArray("minutes").size());
        assertTrue(traffic.getJsonObject("totals").getInteger("unknown") >= 1, traffic.encode());
        assertTrue(traffic.getJsonObject("totals").getInteger("mailbox_full") >= 1, traffic.encode());
        double share = traffic.getDouble("unknownShare");
        assertTrue(share > 0 && share < 1, traffic.encode());
        JsonArray top = traffic.getJsonObject("unknownTexts").getJsonArray("top");
        assertTrue(top.stream().map(JsonObject.class::cast)
                .anyMatch(t -> "parked by the operator: mailbox k***@example.jp".equals(t.getString("text"))), top.encode());
        assertFalse(traffic.encode().contains("kenji"), "no address leaves the service unmasked");
        assertTrue(traffic.getJsonObject("sources").getInteger("api") >= 2, "classifications of the HTTP API count"
                + " under the source api: " + traffic.encode());
    }

    @Test
    void withoutALedgerTrafficByReceiverIsKeptInMemoryAndSaysSo() throws Exception {
        // a company domain whose MX is Google's: counted under Gmail / Google Workspace
        classify("{\"recipient\": \"sales@example.co.jp\", \"remoteMta\": \"aspmx.l.google.com\","
                + " \"diagnostic\": \"421 4.7.28 rate limited, unusual rate of unsolicited mail\"}");
        classify("{\"recipient\": \"taro@ezweb.ne.jp\", \"diagnostic\": \"452 4.2.2 mailbox full\"}");
        // no recipient and no MTA: no receiver to count it under
        classify("{\"diagnostic\": \"550 5.1.1 user unknown\"}");
        JsonObject report = new JsonObject(get("/v1/traffic/receivers?hours=2").body());
        assertEquals("memory", report.getString("storage"));
        assertEquals(2, report.getJsonArray("hours").size());
        JsonArray providers = report.getJsonArray("providers");
        JsonObject gmail = provider(providers, "gmail");
        assertEquals("Gmail / Google Workspace", gmail.getString("name"));
        assertTrue(gmail.getLong("total") >= 1, report.encode());
        assertEquals(gmail.getLong("total"), gmail.getJsonArray("hourly").getLong(1), "the current hour is the last");
        assertTrue(provider(providers, "au").getJsonObject("counts").getLong("mailbox_full") >= 1, report.encode());
        assertFalse(gmail.getBoolean("spike"), "one block is not a spike: " + gmail.encode());
        HttpResponse<String> wrong = get("/v1/traffic/receivers?hours=1000");
        assertEquals(400, wrong.statusCode());
        assertTrue(new JsonObject(wrong.body()).getString("message").startsWith("hours must be a whole number from 1 to 744"),
                wrong.body());
    }

    private static JsonObject provider(JsonArray providers, String id) {
        return providers.stream().map(JsonObject.class::cast).filter(p -> id.equals(p.getString("id"))).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not in " + providers.encode()));
    }

    @Test
    void firingsCountEveryPhaseIncludingDecisionAndRemediationRules() throws Exception {
        classify("{\"smtpCode\": 552, \"enhancedStatus\": \"5.2.2\", \"diagnostic\": \"552 5.2.2 mailbox is full\"}");
        JsonArray list = new JsonObject(get("/v1/rules").body()).getJsonArray("rules");
        for (String phase : new String[] {"evidence", "decide", "remediate"}) {
            assertTrue(list.stream().map(JsonObject.class::cast)
                    .anyMatch(r -> phase.equals(r.getString("phase")) && r.getLong("firings") > 0),
                    "a " + phase + " rule fired and is counted");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // an event that never comes must fail, not hang the build
    void reloadEventsReachAnOpenStream() throws Exception {
        CompletableFuture<HttpResponse<Stream<String>>> stream = CLIENT.sendAsync(request("/v1/rules/events").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.get(10, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        Iterator<String> lines = response.body().iterator();
        assertTrue(lines.next().startsWith("retry: "), "the stream opens with the reconnect delay");
        HttpResponse<String> reload = CLIENT.send(request("/v1/rules/reload").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reload.statusCode(), reload.body());
        String event = null;
        String data = null;
        while (lines.hasNext() && data == null) {
            String line = lines.next();
            if (line.startsWith("event: ")) {
                event = line.substring("event: ".length());
            } else if (line.startsWith("data: ")) {
                data = line.substring("data: ".length());
            }
        }
        assertEquals("rules", event);
        JsonObject attempt = new JsonObject(data);
        assertEquals("ok", attempt.getString("status"));
        assertEquals("api", attempt.getString("trigger"));
        assertEquals(server.rules().get().version(), attempt.getString("rulesVersion"));
        response.body().close();
    }
}
