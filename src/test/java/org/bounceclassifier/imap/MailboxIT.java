package org.bounceclassifier.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.bounceclassifier.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar with --imap-url: a bounce dropped into a real IMAP mailbox shows up in the ledger by itself. */
class MailboxIT {
    @Test
    void aBounceInTheMailboxLandsInTheLedger(@TempDir Path tmp) throws Exception {
        GreenMail imap = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        imap.start();
        try {
            var user = imap.setUser("bounces@bounce.example.com", "bounces", "it-pw");
            try (ServiceProcess service = ServiceProcess.start(tmp.resolve("serve.log"),
                    Map.of("BOUNCE_IMAP_PASSWORD", "it-pw"), "--no-rules-gate", "--no-watch",
                    "--data-dir", tmp.resolve("data").toString(),
                    "--imap-url", "imap://bounces@127.0.0.1:" + imap.getImap().getPort() + "/INBOX",
                    "--imap-poll-seconds", "1")) {
                user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(
                        Files.readAllBytes(Path.of("src/test/resources/bounces/postfix/dsn-user-unknown.eml")))));
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> view = null;
                long deadline = System.currentTimeMillis() + 60_000;
                while (System.currentTimeMillis() < deadline) {
                    view = http.send(HttpRequest.newBuilder(URI.create(service.url("/v1/recipients/sato.kenji@example.jp")))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (view.statusCode() == 200) {
                        break;
                    }
                    Thread.sleep(250);
                }
                assertEquals(200, view.statusCode(), service.log());
                assertTrue(view.body().contains("\"state\":\"suppressed\""), view.body());
                assertTrue(service.log().contains("reading bounces from imap://bounces@127.0.0.1:"), service.log());
            }
        } finally {
            imap.stop();
        }
    }
}
