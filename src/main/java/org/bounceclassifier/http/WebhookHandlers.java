package org.bounceclassifier.http;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bounceclassifier.api.LedgerJson;
import org.bounceclassifier.intake.WebhookRecorder;
import org.bounceclassifier.ledger.LedgerStoreException;
import org.bounceclassifier.webhooks.WebhookException;
import org.bounceclassifier.webhooks.WebhookPlatform;
import org.bounceclassifier.webhooks.WebhookPlatforms;
import org.bounceclassifier.webhooks.WebhookRequest;

/**
 * {@code POST /v1/webhooks/{platform}}: a sending platform's bounce, complaint and delivery events,
 * authenticated the way that platform signs them, recorded in the ledger before the 200 (a platform
 * retries anything else). The check (SES may fetch SNS's certificate) and the recording run on a
 * worker pool of their own.
 */
final class WebhookHandlers {
    static final int WORKERS = 8;

    private final WebhookPlatforms platforms;
    private final WebhookRecorder recorder;
    private final WorkerExecutor workers;

    private WebhookHandlers(WebhookPlatforms platforms, WebhookRecorder recorder, WorkerExecutor workers) {
        this.platforms = platforms;
        this.recorder = recorder;
        this.workers = workers;
    }

    static void mount(Vertx vertx, Router router, WebhookPlatforms platforms, WebhookRecorder recorder,
                      HttpConfig config) {
        WebhookHandlers h = new WebhookHandlers(platforms, recorder, vertx.createSharedWorkerExecutor("webhooks", WORKERS));
        router.post("/v1/webhooks/:platform").handler(BodyHandler.create(false).setBodyLimit(config.maxBodyBytes()))
                .handler(h::receive);
    }

    void receive(RoutingContext ctx) {
        String id = ctx.pathParam("platform");
        if (!WebhookPlatforms.known(id)) {
            ErrorResponses.send(ctx, 404, "unknown_platform", "no webhook for '" + id + "'; the platforms are "
                    + String.join(", ", WebhookPlatforms.SECRETS.keySet().stream().sorted().toList()));
            return;
        }
        WebhookPlatform platform = platforms.get(id);
        if (platform == null) {
            ErrorResponses.send(ctx, 403, "webhook_disabled", "the " + id + " webhook is off: set "
                    + WebhookPlatforms.SECRETS.get(id) + " in the service's environment to turn it on");
            return;
        }
        Map<String, String> headers = new HashMap<>();
        ctx.request().headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        WebhookRequest request = new WebhookRequest(headers, body);
        workers.executeBlocking(() -> {
            WebhookPlatform.Received received = platform.receive(request);
            List<WebhookRecorder.Recorded> recorded = recorder.record(id, received.events());
            return answer(id, received, recorded);
        }, false).onSuccess(json -> ClassifyHandler.sendJson(ctx, json)).onFailure(e -> fail(ctx, e));
    }

    private static JsonObject answer(String id, WebhookPlatform.Received received,
                                     List<WebhookRecorder.Recorded> recorded) {
        JsonArray events = new JsonArray();
        for (WebhookRecorder.Recorded r : recorded) {
            JsonObject json = r.bounce() != null ? LedgerJson.bounce(r.bounce())
                    : r.delivery() != null ? LedgerJson.delivery(r.delivery())
                    : new JsonObject().put("error", "invalid_recipient")
                            .put("message", "the event names no usable address; nothing was recorded");
            events.add(json.put("kind", r.event().kind().id())
                    .put("address", r.event().recipient())
                    .put("platformType", r.event().platformType())
                    .put("platformReason", r.event().platformReason()));
        }
        JsonObject out = new JsonObject().put("platform", id).put("events", events).put("ignored", received.ignored());
        if (received.note() != null) {
            out.put("note", received.note());
        }
        return out;
    }

    private static void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof WebhookException w) {
            ErrorResponses.send(ctx, w.status(), w.code(), w.getMessage());
        } else if (e instanceof LedgerStoreException) {
            ErrorResponses.send(ctx, 503, "ledger_unavailable", "the ledger database did not answer ("
                    + e.getMessage() + "); the platform retries the webhook, and each event counts once");
        } else {
            ctx.fail(e);
        }
    }
}
