package org.bounceclassifier.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ServiceMetrics;
import org.junit.jupiter.api.Test;

/** Without BOUNCE_ADMIN_TOKEN, admin endpoints answer 403 whatever is sent. */
class AdminDisabledTest {

    @Test
    void adminEndpointsAreDisabledWithoutAToken() throws Exception {
        CurrentRules rules = new CurrentRules(TestRules.RULES, TestRules.CASES, false);
        rules.load();
        Vertx vertx = Vertx.vertx();
        try {
            HttpServer server = HttpApi.start(vertx, rules, new ServiceMetrics(),
                    new HttpConfig("127.0.0.1", 0, HttpConfig.DEFAULT_MAX_BODY_BYTES, "ja", null))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/v1/rules/reload"))
                            .header("Authorization", "Bearer anything")
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, response.statusCode());
            assertEquals("admin_disabled", new JsonObject(response.body()).getString("error"));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            rules.close();
        }
    }
}
