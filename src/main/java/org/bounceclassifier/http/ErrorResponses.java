package org.bounceclassifier.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Every error the API gives: {@code {"error": code, "message": what to fix}} with its status. */
final class ErrorResponses {
    private ErrorResponses() {
    }

    static void send(RoutingContext ctx, int status, String code, String message) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(new JsonObject().put("error", code).put("message", message).encode());
    }
}
