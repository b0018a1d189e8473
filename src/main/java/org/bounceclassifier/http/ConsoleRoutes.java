package org.bounceclassifier.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web console: {@code /} is its page and {@code /console/*} its scripts and style, served
 * from the jar. Nothing is fetched from elsewhere, and the Content-Security-Policy says so to the
 * browser: the page can only load what this service serves and talk to this service.
 */
final class ConsoleRoutes {
    /**
     * The assets' folder on the classpath. A long, package-like name: Vert.x looks for relative
     * paths in the working directory before the classpath, and no one's working directory holds this.
     */
    static final String WEBROOT = "org/bounceclassifier/console";
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private ConsoleRoutes() {
    }

    static void mount(Router router) {
        // Browsers revalidate every asset (max-age 0 with Last-Modified): an upgraded jar never
        // mixes a new page with old modules, and an unchanged asset costs a 304.
        StaticHandler assets = StaticHandler.create(FileSystemAccess.RELATIVE, WEBROOT)
                .setCachingEnabled(true)
                .setMaxAgeSeconds(0)
                .setDirectoryListing(false)
                .setIncludeHidden(false);
        router.get("/").handler(ConsoleRoutes::securityHeaders).handler(assets);
        router.get("/console/*").handler(ConsoleRoutes::securityHeaders).handler(assets);
    }

    private static void securityHeaders(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }
}
