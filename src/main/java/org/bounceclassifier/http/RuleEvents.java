package org.bounceclassifier.http;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.bounceclassifier.api.RulesJson;
import org.bounceclassifier.service.CurrentRules;

/**
 * {@code GET /v1/rules/events}: a server-sent event stream with one {@code rules} event per load
 * attempt (start-up, file watcher, reload endpoint), accepted or not. Its data is the
 * {@code lastAttempt} object of {@code GET /v1/rules}. The web console listens to it to redraw
 * the rules screen the moment an expert's edit is picked up or rejected.
 *
 * <p>Load attempts happen on the reloader's thread; they are handed to each open stream through
 * the event bus, so every stream is written on its own event loop.
 */
final class RuleEvents {
    /** A comment line this often keeps idle proxies (often 60 s) from closing the stream. */
    static final long KEEP_ALIVE_MILLIS = 25_000;
    /** How long a browser waits before reconnecting a dropped stream. */
    static final long RECONNECT_MILLIS = 3_000;
    private final Vertx vertx;
    /** One address per router: several servers in one Vert.x (tests) do not hear each other's rules. */
    private final String address = "bounce-classifier.rules.attempts." + UUID.randomUUID();

    RuleEvents(Vertx vertx, CurrentRules rules) {
        this.vertx = vertx;
        rules.onAttempt(attempt -> vertx.eventBus().publish(address, RulesJson.attempt(attempt).encode()));
    }

    void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache");
        MessageConsumer<String> consumer = vertx.eventBus().localConsumer(address,
                message -> send(response, "event: rules\ndata: " + message.body() + "\n\n"));
        long keepAlive = vertx.setPeriodic(KEEP_ALIVE_MILLIS, id -> send(response, ": keep-alive\n\n"));
        response.closeHandler(v -> {
            consumer.unregister();
            vertx.cancelTimer(keepAlive);
        });
        // on shutdown, end the stream at once instead of holding the grace period for it
        ctx.request().connection().shutdownHandler(v -> {
            if (!response.ended()) {
                response.end();
            }
        });
        response.write("retry: " + RECONNECT_MILLIS + "\n\n");
    }

    /** A message may still be on its way when the browser goes away: it is dropped then. */
    private static void send(HttpServerResponse response, String chunk) {
        if (!response.closed() && !response.ended()) {
            response.write(chunk);
        }
    }
}
