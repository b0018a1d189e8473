package org.bounceclassifier.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ServiceMetrics;

/**
 * The classifier's HTTP API on a free loopback port, on the bundled rules and cases (gate off, no
 * watcher, no ledger): what the HTTP tests start once per class and close after it.
 */
public final class TestServer implements AutoCloseable {
    private static final int TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final CurrentRules rules;
    private final HttpServer server;

    private TestServer(Vertx vertx, CurrentRules rules, HttpServer server) {
        this.vertx = vertx;
        this.rules = rules;
        this.server = server;
    }

    /** @param config its port is ignored: the server takes a free one */
    public static TestServer start(HttpConfig config) throws Exception {
        CurrentRules rules = new CurrentRules(TestRules.RULES, TestRules.CASES, false);
        assertTrue(rules.load().ok());
        Vertx vertx = Vertx.vertx();
        HttpConfig anyPort = new HttpConfig(config.host(), 0, config.maxBodyBytes(), config.defaultLang(),
                config.adminToken(), config.maxBatchItems());
        HttpServer server = HttpApi.start(vertx, rules, new ServiceMetrics(), anyPort)
                .toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return new TestServer(vertx, rules, server);
    }

    /** The rules it serves. */
    public CurrentRules rules() {
        return rules;
    }

    public int port() {
        return server.actualPort();
    }

    /** The address of a path on this server, e.g. {@code uri("/v1/classify")}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + path);
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        rules.close();
    }
}
