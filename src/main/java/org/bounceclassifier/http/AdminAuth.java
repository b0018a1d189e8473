package org.bounceclassifier.http;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the endpoints that change state (API.md, "Admin"): they need
 * {@code Authorization: Bearer <token>} with the token from {@code BOUNCE_ADMIN_TOKEN}, and are
 * disabled (403) when no token is configured. The comparison takes the same time whatever the
 * token sent, so response timing reveals nothing about the secret.
 */
final class AdminAuth {
    private static final String BEARER = "Bearer ";
    private final byte[] token;

    /** @param token the configured admin token, or null/blank to disable admin endpoints */
    AdminAuth(String token) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    boolean enabled() {
        return token != null;
    }

    /** A route handler: passes on to the next handler only with the right token. */
    void handle(RoutingContext ctx) {
        if (token == null) {
            ErrorResponses.send(ctx, 403, "admin_disabled",
                    "admin endpoints are disabled: start the service with BOUNCE_ADMIN_TOKEN set");
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            ErrorResponses.send(ctx, 401, "unauthorized", "send the admin token as Authorization: Bearer <token>");
            return;
        }
        byte[] sent = header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(sent, token)) {
            ErrorResponses.send(ctx, 403, "forbidden", "the admin token is not valid");
            return;
        }
        ctx.next();
    }
}
