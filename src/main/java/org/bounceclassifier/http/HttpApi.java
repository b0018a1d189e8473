package org.bounceclassifier.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ServiceMetrics;
import org.bounceclassifier.webhooks.WebhookPlatforms;

/** Starts the HTTP API on a Vert.x instance. */
public final class HttpApi {
    private HttpApi() {
    }

    /** A Vert.x whose HTTP server metrics go to the service's Prometheus registry. */
    public static Vertx newVertx(ServiceMetrics metrics) {
        return Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
                        .setEnabled(true)
                        .setJvmMetricsEnabled(true)
                        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
                .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
                .build();
    }

    public static Future<HttpServer> start(Vertx vertx, CurrentRules rules, ServiceMetrics metrics, HttpConfig config) {
        return start(vertx, rules, metrics, config, null);
    }

    /** @param ledger the recipient ledger to serve, or null for the classifier alone */
    public static Future<HttpServer> start(Vertx vertx, CurrentRules rules, ServiceMetrics metrics, HttpConfig config,
                                           Ledger ledger) {
        return start(vertx, rules, metrics, config, ledger, WebhookPlatforms.none());
    }

    /** @param webhooks the sending platforms whose webhooks are on */
    public static Future<HttpServer> start(Vertx vertx, CurrentRules rules, ServiceMetrics metrics, HttpConfig config,
                                           Ledger ledger, WebhookPlatforms webhooks) {
        return vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                .requestHandler(ApiRouter.create(vertx, rules, metrics, config, ledger, webhooks))
                .listen();
    }
}
