package org.bounceclassifier.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.bounceclassifier.engine.RuleEvaluationException;
import org.bounceclassifier.intake.IntakeMetrics;
import org.bounceclassifier.intake.WebhookRecorder;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ServiceMetrics;
import org.bounceclassifier.webhooks.WebhookPlatforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every route of the HTTP API (API.md), built in one place, with the JSON error shape for all failures. */
public final class ApiRouter {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);

    private ApiRouter() {
    }

    /** The classifier's routes only, without a recipient ledger. */
    public static Router create(Vertx vertx, CurrentRules rules, ServiceMetrics metrics, HttpConfig config) {
        return create(vertx, rules, metrics, config, null);
    }

    /** @param ledger the recipient ledger whose endpoints to add, or null for a classifier without one */
    public static Router create(Vertx vertx, CurrentRules rules, ServiceMetrics metrics, HttpConfig config,
                                Ledger ledger) {
        return create(vertx, rules, metrics, config, ledger, WebhookPlatforms.none());
    }

    /** @param webhooks the sending platforms whose webhooks are on (with a ledger only; the others answer 403) */
    public static Router create(Vertx vertx, CurrentRules rules, ServiceMetrics metrics, HttpConfig config,
                                Ledger ledger, WebhookPlatforms webhooks) {
        Router router = Router.router(vertx);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());
        ClassifyHandler classify = new ClassifyHandler(rules, metrics, config.defaultLang());
        InfoHandlers info = new InfoHandlers(rules, metrics);
        AdminAuth admin = new AdminAuth(config.adminToken());
        BatchHandler batch = new BatchHandler(rules, metrics, config);

        // first: it sees every request, matched or not (off unless serve --access-log)
        router.route().handler(AccessLog::handle);
        router.post("/v1/classify").handler(body).handler(classify::handle);
        // NDJSON is streamed: no BodyHandler, which would hold the whole body in memory
        router.post("/v1/classify/batch").consumes(BatchHandler.NDJSON).consumes(BatchHandler.NDJSON_ALT)
                .handler(batch::ndjson);
        router.post("/v1/classify/batch").handler(body).handler(batch::array);
        router.get("/v1/categories").handler(info::categories);
        router.get("/v1/rules").handler(info::rules);
        router.post("/v1/rules/reload").handler(admin::handle).handler(info::reload);
        router.get("/v1/rules/events").handler(new RuleEvents(vertx, rules)::handle);
        router.get("/v1/traffic").handler(info::traffic);
        router.get("/v1/traffic/receivers").handler(info::receivers);
        router.get("/v1/traffic/sample.ndjson").handler(admin::handle).handler(info::sample);
        router.get("/health").handler(info::health);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics.registry()));
        router.get("/openapi.json").handler(OpenApiDocument::handle);
        if (ledger != null) {
            LedgerHandlers.mount(vertx, router, rules, ledger, config, admin, metrics);
            WebhookHandlers.mount(vertx, router, webhooks, new WebhookRecorder(rules, ledger, config.defaultLang(),
                    new IntakeMetrics(metrics)), config);
        } else {
            router.get("/ready").handler(info::health);
        }
        ConsoleRoutes.mount(router);

        router.errorHandler(400, ctx -> ErrorResponses.send(ctx, 400, "bad_request",
                "the request could not be read: check the body and its Content-Type"));
        router.errorHandler(404, ctx -> ErrorResponses.send(ctx, 404, "not_found",
                "no endpoint " + ctx.request().method() + " " + ctx.request().path() + "; see the API in the README"));
        router.errorHandler(405, ctx -> ErrorResponses.send(ctx, 405, "method_not_allowed",
                ctx.request().method() + " is not allowed on " + ctx.request().path()));
        router.errorHandler(413, ctx -> ErrorResponses.send(ctx, 413, "body_too_large",
                "the body is larger than " + config.maxBodyBytes() + " bytes; send less, or raise --max-body-bytes"));
        router.errorHandler(500, ApiRouter::internalError);
        return router;
    }

    /** A bug: logged with its stack trace here, never shown to the caller. */
    private static void internalError(RoutingContext ctx) {
        if (ctx.failure() instanceof RuleEvaluationException e) {
            LOG.error("rule failure on {} {}: {}", ctx.request().method(), ctx.request().path(), e.getMessage());
            ErrorResponses.send(ctx, 500, "rule_error", "the rules failed on this input: " + e.getMessage()
                    + "; the rule set needs a fix (run test-rules with this input as a case)");
            return;
        }
        LOG.error("internal error on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
        ErrorResponses.send(ctx, 500, "internal_error", "the service failed on this request; it has been logged");
    }
}
