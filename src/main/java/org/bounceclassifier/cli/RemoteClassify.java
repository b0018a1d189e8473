package org.bounceclassifier.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * classify with --server: asks a running service instead of compiling the rules in this process,
 * so a one-shot answer costs a JVM start and one request, not a rule compilation.
 */
final class RemoteClassify {
    /** The service's answer: its status and body. */
    record Answer(int status, String body) {
        /** The body as the service sent it, pretty-printed when it is JSON. */
        String pretty() {
            try {
                return new JsonObject(body).encodePrettily();
            } catch (DecodeException e) {
                return body;
            }
        }

        /** {@code code: message} of an error body. */
        String error() {
            try {
                JsonObject o = new JsonObject(body);
                return o.getString("error") + ": " + o.getString("message");
            } catch (DecodeException | ClassCastException e) {
                return "HTTP " + status + ": " + body;
            }
        }
    }

    private RemoteClassify() {
    }

    static Answer post(String server, String lang, String contentType, byte[] body) throws IOException,
            InterruptedException {
        URI uri = URI.create(server.replaceAll("/+$", "") + "/v1/classify?lang="
                + URLEncoder.encode(lang, StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }
}
