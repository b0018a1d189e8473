package org.bounceclassifier.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.service.CurrentRules;

/** Starts the HTTP API on a Vert.x instance. */
public final class HttpApi {
    private HttpApi() {
    }

    public static Future<HttpServer> start(Vertx vertx, CurrentRules rules, HttpConfig config) {
        return start(vertx, rules, config, null);
    }

    /** @param ledger the recipient ledger to serve, or null for the classifier alone */
    public static Future<HttpServer> start(Vertx vertx, CurrentRules rules, HttpConfig config, Ledger ledger) {
        return vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                .requestHandler(ApiRouter.create(vertx, rules, config, ledger))
                .listen();
    }
}
