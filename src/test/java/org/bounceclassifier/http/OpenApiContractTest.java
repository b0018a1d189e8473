package org.bounceclassifier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.ledger.LedgerConfig;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ReceiverFamilies;
import org.bounceclassifier.service.ReceiverTraffic;
import org.bounceclassifier.service.ImpactCheck;
import org.bounceclassifier.service.ServiceMetrics;
import org.bounceclassifier.webhooks.WebhookPlatforms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description against the running service, both ways: every route the router serves
 * is described, every status an exchange below gets is described for its operation, its JSON body
 * validates against the described schema (networknt's JSON Schema validator, 2020-12, OpenAPI
 * 3.1's dialect), and every described status of every operation is exercised here.
 */
class OpenApiContractTest {
    private static final String TOKEN = "openapi-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static JsonNode spec;
    private static Vertx vertx;
    private static CurrentRules rules;
    private static Ledger ledger;
    private static Ledger closedLedger;
    private static HttpServer server;
    private static HttpServer ledgerDown;
    private static Router router;
    private static final Set<String> exercised = new TreeSet<>();

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
            spec = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        rules = new CurrentRules(TestRules.RULES, TestRules.CASES, false);
        assertTrue(rules.load().ok());
        ledger = Ledger.open(new LedgerConfig(Files.createTempDirectory("openapi-ledger"), null, null, null, 90));
        closedLedger = Ledger.open(new LedgerConfig(Files.createTempDirectory("openapi-gone"), null, null, null, 90));
        vertx = Vertx.vertx();
        HttpConfig config = new HttpConfig("127.0.0.1", 0, 200_000, "en", TOKEN, 5);
        // Postmark's webhook on (basic auth), the others off
        WebhookPlatforms webhooks = WebhookPlatforms.fromEnvironment(Map.of("BOUNCE_POSTMARK_USER", "pm",
                "BOUNCE_POSTMARK_PASSWORD", "pm-secret"), null);
        // traffic by receiver and the traffic sample in the ledger, and every reload measured on the
        // sample (lastAttempt.impact)
        ServiceMetrics serverMetrics = keptIn(ledger);
        rules.checkImpactWith(new ImpactCheck(serverMetrics.sample(), ledger, 50.0));
        server = HttpApi.start(vertx, rules, serverMetrics, config, ledger, webhooks)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        ledgerDown = HttpApi.start(vertx, rules, keptIn(closedLedger), config, closedLedger, webhooks)
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        closedLedger.close();
        router = ApiRouter.create(vertx, rules, new ServiceMetrics(), config, ledger, webhooks);
    }

    /** Metrics whose traffic by receiver is kept in the ledger's database, as serve does. */
    private static ServiceMetrics keptIn(Ledger l) {
        ServiceMetrics metrics = new ServiceMetrics();
        metrics.useReceiverTraffic(new ReceiverTraffic(ReceiverFamilies.bundled(), l.receiverCounts(),
                java.time.Clock.systemUTC(), java.time.Duration.ofDays(31)));
        metrics.sample().keepIn(l.trafficSample());
        return metrics;
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        ledger.close();
        rules.close();
    }

    @Test
    void everyRouteIsDescribedEveryAnswerMatchesAndEveryDescribedStatusIsExercised() throws Exception {
        String json = "application/json";
        String dsn = Files.readString(Path.of("src/test/resources/bounces/amazonses/dsn-two-recipients.eml"));
        String big = "{\"diagnostic\": \"" + "x".repeat(250_000) + "\"}";

        call(server, "POST", "/v1/classify", json, "{\"diagnostic\": \"550 5.1.1 User unknown\"}", null, 200);
        call(server, "POST", "/v1/classify", "message/rfc822", dsn, null, 200);
        call(server, "POST", "/v1/classify?explain=full", json, "{\"diagnostic\": \"the mailbox is parked\"}", null,
                200);
        call(server, "POST", "/v1/classify", json, "{\"smtpCode\": \"x\"}", null, 400);
        call(server, "POST", "/v1/classify", json, big, null, 413);
        call(server, "POST", "/v1/classify", "application/xml", "<bounce/>", null, 415);

        call(server, "POST", "/v1/classify/batch", json, "[{\"diagnostic\": \"452 4.2.2 Mailbox full\"}, "
                + "{\"smtpCode\": \"x\"}]", null, 200);
        call(server, "POST", "/v1/classify/batch", "application/x-ndjson",
                "{\"diagnostic\": \"452 4.2.2 Mailbox full\"}\n", null, 200);
        call(server, "POST", "/v1/classify/batch", json, "{}", null, 400);
        call(server, "POST", "/v1/classify/batch", json, "[{}, {}, {}, {}, {}, {}]", null, 413);
        call(server, "POST", "/v1/classify/batch", "application/xml", "<bounces/>", null, 415);

        call(server, "GET", "/v1/categories", null, null, null, 200);
        call(server, "GET", "/v1/rules", null, null, null, 200);
        call(server, "POST", "/v1/rules/reload", null, null, TOKEN, 200);
        call(server, "POST", "/v1/rules/reload", null, null, null, 401);
        call(server, "POST", "/v1/rules/reload", null, null, "wrong", 403);
        eventStream();
        call(server, "GET", "/v1/traffic", null, null, null, 200);
        call(server, "GET", "/v1/traffic/sample.ndjson", null, null, TOKEN, 200);
        call(server, "GET", "/v1/traffic/sample.ndjson", null, null, null, 401);
        call(server, "GET", "/v1/traffic/sample.ndjson", null, null, "wrong", 403);
        call(ledgerDown, "GET", "/v1/traffic/sample.ndjson", null, null, TOKEN, 503);
        sampleLinesMatchTheirSchema();
        call(server, "GET", "/health", null, null, null, 200);
        call(server, "GET", "/metrics", null, null, null, 200);
        call(server, "GET", "/openapi.json", null, null, null, 200);

        call(server, "POST", "/v1/bounces", json, "{\"recipient\": \"taro@example.jp\", "
                + "\"diagnostic\": \"550 5.1.1 User unknown\"}", null, 200);
        call(server, "POST", "/v1/bounces", "message/rfc822", dsn, null, 200);
        call(server, "POST", "/v1/bounces", json, "{\"diagnostic\": \"550 5.1.1 User unknown\"}", null, 400);
        call(server, "POST", "/v1/bounces", json, "{\"recipient\": \"a@example.jp\", \"diagnostic\": \""
                + "x".repeat(250_000) + "\"}", null, 413);
        call(server, "POST", "/v1/bounces", "application/xml", "<bounce/>", null, 415);
        call(ledgerDown, "POST", "/v1/bounces", json, "{\"recipient\": \"taro@example.jp\", "
                + "\"diagnostic\": \"550 5.1.1 User unknown\"}", null, 503);
        call(server, "GET", "/v1/traffic/receivers", null, null, null, 200);
        call(server, "GET", "/v1/traffic/receivers?hours=72", null, null, null, 200);
        call(server, "GET", "/v1/traffic/receivers?hours=0", null, null, null, 400);
        call(server, "GET", "/v1/traffic/receivers?hours=x", null, null, null, 400);
        call(ledgerDown, "GET", "/v1/traffic/receivers", null, null, null, 503);
        call(server, "POST", "/v1/deliveries", json, "{\"recipient\": \"hanako@example.jp\"}", null, 200);
        call(server, "POST", "/v1/deliveries", json, "{}", null, 400);
        call(server, "POST", "/v1/deliveries", "application/xml", "<delivery/>", null, 415);
        call(ledgerDown, "POST", "/v1/deliveries", json, "{\"recipient\": \"hanako@example.jp\"}", null, 503);

        call(server, "GET", "/v1/recipients/taro@example.jp", null, null, null, 200);
        call(server, "GET", "/v1/recipients/not-an-address", null, null, null, 400);
        call(server, "GET", "/v1/recipients/nobody@example.jp", null, null, null, 404);
        call(server, "GET", "/v1/suppressions?domain=example.jp&limit=10", null, null, null, 200);
        call(server, "GET", "/v1/suppressions?limit=0", null, null, null, 400);
        call(server, "GET", "/v1/suppressions.csv", null, null, null, 200);
        call(server, "POST", "/v1/suppressions/check", json, "{\"addresses\": [\"taro@example.jp\"]}", null, 200);
        call(server, "POST", "/v1/suppressions/check", json, "{}", null, 400);
        call(server, "POST", "/v1/suppressions/check", "application/xml", "<a/>", null, 415);
        call(server, "POST", "/v1/suppressions/check", json, "{\"addresses\": [\""
                + "a".repeat((int) LedgerHandlers.CHECK_BODY_BYTES) + "\"]}", null, 413);
        call(server, "DELETE", "/v1/suppressions/taro@example.jp", json, "{}", TOKEN, 400);
        call(server, "DELETE", "/v1/suppressions/taro@example.jp", json, "{\"reason\": \"asked\"}", null, 401);
        call(server, "DELETE", "/v1/suppressions/taro@example.jp", json, "{\"reason\": \"asked\"}", "wrong", 403);
        call(server, "DELETE", "/v1/suppressions/nobody@example.jp", json, "{\"reason\": \"asked\"}", TOKEN, 404);
        call(server, "DELETE", "/v1/suppressions/taro@example.jp", json, "{\"reason\": \"asked by phone\"}", TOKEN,
                200);
        call(server, "DELETE", "/v1/suppressions/taro@example.jp", json, "{\"reason\": \"again\"}", TOKEN, 409);

        call(server, "GET", "/ready", null, null, null, 200);
        call(ledgerDown, "GET", "/ready", null, null, null, 503);
        call(server, "POST", "/v1/suppressions", json, "{\"address\": \"hand@example.jp\", \"reason\": \"asked\"}",
                TOKEN, 200);
        call(server, "POST", "/v1/suppressions", json, "{\"address\": \"hand@example.jp\"}", TOKEN, 400);
        call(server, "POST", "/v1/suppressions", json, "{\"address\": \"hand@example.jp\", \"reason\": \"x\"}",
                null, 401);
        call(server, "POST", "/v1/suppressions", json, "{\"address\": \"hand@example.jp\", \"reason\": \"x\"}",
                "wrong", 403);
        call(server, "POST", "/v1/suppressions/import", "text/csv", "address,reason\nold@example.jp,old list\n", TOKEN,
                200);
        call(server, "POST", "/v1/suppressions/import", "text/csv", "address,reason\nnot-an-address,x\n", TOKEN, 400);
        call(server, "POST", "/v1/suppressions/import", "text/csv", "address,reason\nold@example.jp,x\n", null, 401);
        call(server, "POST", "/v1/suppressions/import", json, "{}", TOKEN, 415);
        call(server, "POST", "/v1/bounces", json, "{\"recipient\": \"soft@example.jp\", "
                + "\"diagnostic\": \"452 4.2.2 Mailbox full\"}", null, 200);
        call(server, "POST", "/v1/recipients/soft@example.jp/reset", json, "{\"reason\": \"freed space\"}", TOKEN, 200);
        call(server, "POST", "/v1/recipients/soft@example.jp/reset", json, "{}", TOKEN, 400);
        call(server, "POST", "/v1/recipients/soft@example.jp/reset", json, "{\"reason\": \"x\"}", null, 401);
        call(server, "POST", "/v1/recipients/nobody@example.jp/reset", json, "{\"reason\": \"x\"}", TOKEN, 404);
        call(server, "POST", "/v1/recipients/hand@example.jp/reset", json, "{\"reason\": \"x\"}", TOKEN, 409);
        call(server, "POST", "/v1/ledger/reevaluate?dryRun=true", null, null, TOKEN, 200);
        call(server, "POST", "/v1/ledger/reevaluate?dryRun=maybe", null, null, TOKEN, 400);
        call(server, "POST", "/v1/ledger/reevaluate?dryRun=true", null, null, null, 401);

        String postmark = Files.readString(Path.of("src/test/resources/webhooks/postmark/bounce-hard.json"));
        String pmAuth = "Basic " + java.util.Base64.getEncoder().encodeToString("pm:pm-secret".getBytes());
        callWith(server, "/v1/webhooks/postmark", postmark, pmAuth, 200);
        callWith(server, "/v1/webhooks/postmark", "{not json", pmAuth, 400);
        callWith(server, "/v1/webhooks/postmark", postmark, null, 401);
        callWith(server, "/v1/webhooks/mailgun", "{}", null, 403);
        callWith(server, "/v1/webhooks/mandrill", "{}", null, 404);
        callWith(ledgerDown, "/v1/webhooks/postmark", postmark, pmAuth, 503);

        Set<String> described = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                op.getValue().get("responses").fieldNames().forEachRemaining(status ->
                        described.add(op.getKey().toUpperCase() + " " + path.getKey() + " " + status));
            }
        }
        Set<String> notExercised = new TreeSet<>(described);
        notExercised.removeAll(exercised);
        assertEquals(Set.of(), notExercised, "described statuses no exchange here gets");

        List<String> undescribed = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (path == null || route.methods() == null || path.equals("/") || path.startsWith("/console")) {
                continue;
            }
            String template = path.replaceAll(":([a-zA-Z]+)", "{$1}");
            route.methods().forEach(m -> {
                if (!spec.get("paths").has(template) || !spec.get("paths").get(template).has(m.name().toLowerCase())) {
                    undescribed.add(m.name() + " " + template);
                }
            });
        }
        assertEquals(List.of(), undescribed, "routes the description does not have");
    }

    /**
     * The traffic sample after the classifications above: each NDJSON line validates against its
     * schema, no address is kept whole, and the reload above was measured on it.
     */
    private static void sampleLinesMatchTheirSchema() throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(uri(server, "/v1/traffic/sample.ndjson"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        List<String> lines = r.body().lines().toList();
        assertTrue(lines.size() >= 2, r.body());
        for (String line : lines) {
            validate("a sample line", "/components/schemas/TrafficSampleEntry", JSON.readTree(line));
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("User unknown")), r.body());
        HttpResponse<String> report = CLIENT.send(HttpRequest.newBuilder(uri(server, "/v1/rules")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode impact = JSON.readTree(report.body()).get("lastAttempt").get("impact");
        assertTrue(impact.get("sampleBounces").asLong() > 0, "the reload was measured on the sample: " + impact);
        assertEquals(0, impact.get("changedBounces").asLong(), "the same rules answer the same: " + impact);
        assertEquals(50.0, impact.get("maxImpactPercent").asDouble());
    }

    /** The event stream never ends: its status and content type are checked, then it is closed. */
    private static void eventStream() throws Exception {
        HttpResponse<InputStream> r = CLIENT.send(HttpRequest.newBuilder(uri(server, "/v1/rules/events")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        r.body().close();
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        exercised.add("GET /v1/rules/events 200");
    }

    /** A webhook call: the platform's JSON with its own Authorization header (not the admin token). */
    private static void callWith(HttpServer s, String path, String body, String authorization, int expectedStatus)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(s, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        check("POST", path, expectedStatus, CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static URI uri(HttpServer s, String path) {
        return URI.create("http://127.0.0.1:" + s.actualPort() + path);
    }

    private static void call(HttpServer s, String method, String path, String contentType, String body, String token,
                             int expectedStatus) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(s, path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        check(method, path, expectedStatus, CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static void check(String method, String path, int expectedStatus, HttpResponse<String> r)
            throws Exception {
        String what = method + " " + path;
        assertEquals(expectedStatus, r.statusCode(), what + ": " + r.body());
        String template = template(path.replaceAll("\\?.*", ""));
        assertNotNull(template, what + " is not described");
        JsonNode responses = spec.get("paths").get(template).get(method.toLowerCase()).get("responses");
        JsonNode response = responses.get(String.valueOf(r.statusCode()));
        if (response == null) {
            fail(what + " answered " + r.statusCode() + ", which the description does not list: " + r.body());
        }
        exercised.add(method + " " + template + " " + r.statusCode());
        String pointer = "/paths/" + escape(template) + "/" + method.toLowerCase() + "/responses/" + r.statusCode();
        if (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = spec.at(pointer);
        }
        String type = r.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", "").strip();
        JsonNode content = response.get("content");
        assertNotNull(content, what + ": no content described for " + r.statusCode());
        assertTrue(content.has(type), what + " answered " + type + ", the description has " + content.fieldNames().next());
        if (type.equals("application/json")) {
            validate(what, pointer + "/content/" + escape(type) + "/schema", JSON.readTree(r.body()));
        }
    }

    private static void validate(String what, String pointer, JsonNode body) {
        ObjectNode document = spec.deepCopy();
        document.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        document.put("$ref", "#" + pointer);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(document);
        Set<ValidationMessage> errors = schema.validate(body);
        assertEquals(Set.of(), errors, what + ": the answer does not match the description: " + body);
    }

    private static String template(String path) {
        if (spec.get("paths").has(path)) {
            return path; // a literal path wins over a template that also matches (/v1/suppressions/import)
        }
        for (Iterator<String> it = spec.get("paths").fieldNames(); it.hasNext(); ) {
            String t = it.next();
            if (Pattern.matches(t.replaceAll("\\{[^}]+}", "[^/]+").replace(".", "\\."), path)) {
                return t;
            }
        }
        return null;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
