package org.bounceclassifier.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bounceclassifier.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar as an operator runs it, with the SMTP receiver on: DSNs delivered over SMTP show up
 * in the HTTP ledger, a relay attempt is refused, a redelivered DSN counts once, and many DSNs on a
 * few connections all land (the rate is printed for the README's note).
 */
class ReturnPathIT {
    private static final String DOMAIN = "bounce.example.com";
    private static final Pattern SMTP_PORT = Pattern.compile("receiving bounces by SMTP on 127\\.0\\.0\\.1:(\\d+)");
    private static final Path DSN = Path.of("src/test/resources/bounces/postfix/dsn-user-unknown.eml");
    /** Enough to measure a rate, few enough for a CI run: a few seconds. */
    private static final int LOAD_MESSAGES = 400;
    private static final int LOAD_CONNECTIONS = 4;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void bouncesArriveBySmtpAndLandInTheLedger(@TempDir Path tmp) throws Exception {
        try (ServiceProcess service = ServiceProcess.start(tmp.resolve("serve.log"), Map.of(), "--no-rules-gate",
                "--no-watch", "--data-dir", tmp.resolve("data").toString(), "--smtp-port", "0",
                "--bounce-domain", DOMAIN, "--smtp-rate-per-client", "0")) {
            Matcher m = SMTP_PORT.matcher(service.log());
            assertTrue(m.find(), service.log());
            int port = Integer.parseInt(m.group(1));
            byte[] dsn = Files.readAllBytes(DSN);

            assertEquals(250, deliver(port, "bounces@" + DOMAIN, dsn).code());
            assertEquals(250, deliver(port, "bounces@" + DOMAIN, dsn).code());
            try (SmtpClient c = new SmtpClient(port)) {
                c.send("EHLO relay-tester.example.net");
                c.send("MAIL FROM:<someone@example.net>");
                assertEquals(550, c.send("RCPT TO:<victim@example.org>").code());
            }

            HttpResponse<String> view = get(service, "/v1/recipients/sato.kenji@example.jp");
            assertEquals(200, view.statusCode(), view.body());
            assertTrue(view.body().contains("\"state\":\"suppressed\""), view.body());
            assertEquals(1, count(view.body(), "\"kind\":\"bounce\""), "the redelivered DSN counted once: " + view.body());
            // the same DSN posted to POST /v1/bounces is the same ledger event: it counts once across ways in
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(service.url("/v1/bounces")))
                    .header("Content-Type", "message/rfc822").POST(HttpRequest.BodyPublishers.ofByteArray(dsn)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, posted.statusCode(), posted.body());
            assertTrue(posted.body().contains("\"duplicate\":true"), posted.body());

            String template = new String(dsn, StandardCharsets.ISO_8859_1);
            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(LOAD_CONNECTIONS);
            List<Future<Integer>> sent = new ArrayList<>();
            for (int t = 0; t < LOAD_CONNECTIONS; t++) {
                int first = t;
                sent.add(pool.submit(() -> loadOneConnection(port, template, first)));
            }
            int accepted = 0;
            for (Future<Integer> f : sent) {
                accepted += f.get();
            }
            pool.shutdown();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("SMTP receiver into the embedded ledger: %d DSNs on %d connections in %.2f s: %.0f"
                    + " messages/s%n", LOAD_MESSAGES, LOAD_CONNECTIONS, seconds, LOAD_MESSAGES / seconds);
            assertEquals(LOAD_MESSAGES, accepted);

            String metrics = get(service, "/metrics").body();
            assertTrue(metrics.contains("bounce_intake_messages_total{outcome=\"recorded\",source=\"smtp\"} "
                    + (LOAD_MESSAGES + 1) + ".0"), metrics);
            assertTrue(metrics.contains("bounce_intake_messages_total{outcome=\"duplicate\",source=\"smtp\"} 1.0"));
            assertTrue(metrics.contains("bounce_intake_messages_total{outcome=\"relay_denied\",source=\"smtp\"} 1.0"));
            HttpResponse<String> last = get(service, "/v1/recipients/load" + (LOAD_MESSAGES - 1) + "@example.jp");
            assertEquals(200, last.statusCode(), last.body());
        }
    }

    /** Every LOAD_CONNECTIONS-th message from {@code first} on, on one connection: how many got 250. */
    private static int loadOneConnection(int port, String template, int first) throws Exception {
        int ok = 0;
        try (SmtpClient c = new SmtpClient(port)) {
            c.send("EHLO load.example.org");
            for (int i = first; i < LOAD_MESSAGES; i += LOAD_CONNECTIONS) {
                String message = template.replace("sato.kenji", "load" + i)
                        .replace("<20250303011207.4R2mQk0Xv7z9tZ@mail.shop.example>", "<load-" + i + "@mail.shop.example>");
                c.send("MAIL FROM:<>");
                c.send("RCPT TO:<bounces@" + DOMAIN + ">");
                if (c.data(message.getBytes(StandardCharsets.ISO_8859_1)).code() == 250) {
                    ok++;
                }
            }
            c.send("QUIT");
        }
        return ok;
    }

    private static SmtpClient.Reply deliver(int port, String rcpt, byte[] message) throws Exception {
        try (SmtpClient c = new SmtpClient(port)) {
            c.send("EHLO mta.example.org");
            c.send("MAIL FROM:<>");
            assertEquals(250, c.send("RCPT TO:<" + rcpt + ">").code());
            SmtpClient.Reply reply = c.data(message);
            c.send("QUIT");
            return reply;
        }
    }

    private HttpResponse<String> get(ServiceProcess service, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
