package org.bounceclassifier.http;

import static net.logstash.logback.argument.StructuredArguments.kv;

import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one line per request when the logger {@code bounce-classifier.access} is on
 * (serve --access-log). It names the route's pattern ({@code /v1/recipients/:address}), never the
 * address in the path, the query or the body: a log is not a place for customers' addresses.
 */
final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("bounce-classifier.access");

    private AccessLog() {
    }

    static void handle(RoutingContext ctx) {
        if (!LOG.isInfoEnabled()) {
            ctx.next();
            return;
        }
        long start = System.nanoTime();
        String method = ctx.request().method().name();
        ctx.addBodyEndHandler(v -> LOG.info("{} {} {} {}", kv("method", method), kv("path", path(ctx)),
                kv("status", ctx.response().getStatusCode()),
                kv("durationMs", Math.round((System.nanoTime() - start) / 10_000.0) / 100.0)));
        ctx.next();
    }

    private static String path(RoutingContext ctx) {
        Route route = ctx.currentRoute();
        if (route != null && route.getPath() != null && route.getPath().contains(":")) {
            return route.getPath();
        }
        // no pattern (a static path, or no route matched): mask any segment that holds an address
        return Arrays.stream(ctx.normalizedPath().split("/", -1))
                .map(segment -> segment.contains("@") || segment.contains("%40") ? ":address" : segment)
                .collect(Collectors.joining("/"));
    }
}
