package org.bounceclassifier.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 description kept in the repository as
 * {@code openapi.yaml} beside this class (YAML, for people to edit), served as JSON for tools.
 */
final class OpenApiDocument {
    static final String RESOURCE = "openapi.yaml";
    private static final Buffer JSON = Buffer.buffer(load());

    private OpenApiDocument() {
    }

    static void handle(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/json").end(JSON);
    }

    private static byte[] load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            return new ObjectMapper().writeValueAsBytes(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled " + RESOURCE + " does not read", e);
        }
    }
}
