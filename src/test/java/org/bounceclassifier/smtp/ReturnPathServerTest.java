package org.bounceclassifier.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.intake.BounceIntake;
import org.bounceclassifier.intake.IntakeMetrics;
import org.bounceclassifier.ledger.EmailAddress;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.ledger.LedgerConfig;
import org.bounceclassifier.ledger.LedgerStore;
import org.bounceclassifier.ledger.LedgerStoreException;
import org.bounceclassifier.ledger.LedgerStores;
import org.bounceclassifier.mail.MailParser;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ServiceMetrics;
import org.bounceclassifier.service.TrafficRecorder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The return-path receiver on loopback, spoken to by real SMTP clients (Angus Mail, and a plain
 * socket conversation that shows every reply code), recording into a real embedded ledger.
 */
class ReturnPathServerTest {
    private static final String DOMAIN = "bounce.example.com";
    private static final Path FIXTURES = Path.of("src/test/resources/bounces");
    private static final MailParser PARSER = new MailParser();
    private static CurrentRules rules;
    private static TestCertificate cert;
    private static Path certDir;

    private Path dataDir;
    private Ledger ledger;
    private PrometheusMeterRegistry registry;
    private TrafficRecorder traffic;
    private ReturnPathServer server;

    @BeforeAll
    static void loadRules() throws Exception {
        rules = new CurrentRules(TestRules.RULES, TestRules.CASES, false);
        assertTrue(rules.load().ok());
        certDir = Files.createTempDirectory("smtp-cert-");
        cert = TestCertificate.create(certDir);
    }

    @AfterAll
    static void closeRules() throws Exception {
        rules.close();
        delete(certDir);
    }

    @BeforeEach
    void start() throws Exception {
        dataDir = Files.createTempDirectory("smtp-ledger-");
        ledger = new Ledger(LedgerStores.open(LedgerConfig.embedded(dataDir, LedgerConfig.DEFAULT_RETENTION_DAYS)),
                Clock.systemUTC(), LedgerConfig.DEFAULT_RETENTION_DAYS);
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        traffic = new TrafficRecorder();
        server = start(config(64 * 1024, 10, 0, TlsFiles.fromPem(cert.certFile, cert.keyFile)), ledger);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        ledger.close();
        delete(dataDir);
    }

    private SmtpConfig config(int maxBytes, int maxConnections, int perMinute, javax.net.ssl.SSLContext tls) {
        return new SmtpConfig("127.0.0.1", 0, BounceDomains.of(List.of(DOMAIN)), VerpFormat.parse(VerpFormat.DEFAULT),
                maxBytes, maxConnections, perMinute, tls);
    }

    private ReturnPathServer start(SmtpConfig config, Ledger into) throws Exception {
        IntakeMetrics metrics = new IntakeMetrics(new ServiceMetrics(registry, traffic));
        return ReturnPathServer.start(config, new BounceIntake(PARSER, rules, into, "en", metrics), metrics);
    }

    private static byte[] fixture(String name) throws Exception {
        return Files.readAllBytes(FIXTURES.resolve(name));
    }

    private Ledger.RecipientView view(String address) {
        return ledger.view(EmailAddress.parse(address), 20, 20).orElse(null);
    }

    /** One whole transaction on a new connection: the reply to the message. */
    private SmtpClient.Reply deliver(int port, String rcpt, byte[] message) throws Exception {
        try (SmtpClient c = new SmtpClient(port)) {
            assertEquals(250, c.send("EHLO mta.example.org").code());
            assertEquals(250, c.send("MAIL FROM:<>").code());
            SmtpClient.Reply r = c.send("RCPT TO:<" + rcpt + ">");
            assertEquals(250, r.code(), r::toString);
            SmtpClient.Reply reply = c.data(message);
            c.send("QUIT");
            return reply;
        }
    }

    @Test
    void aDsnDeliveredByAMailClientLandsInTheLedger() throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(server.port()));
        props.put("mail.smtp.from", "mailer-daemon@mta.example.org");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(fixture("postfix/dsn-user-unknown.eml")));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new Address[] {new InternetAddress("bounces@" + DOMAIN)});
        }

        Ledger.RecipientView recorded = view("sato.kenji@example.jp");
        assertNotNull(recorded, "the DSN's failed recipient is in the ledger");
        assertEquals("suppressed", recorded.recipient().state().id());
        assertEquals(1, recorded.events().size());
        assertEquals("bad_mailbox", recorded.events().get(0).category());
        assertTrue(recorded.events().get(0).eventId().startsWith("<"),
                "keyed by the bounce's Message-ID, as POST /v1/bounces keys it: " + recorded.events().get(0).eventId());
        assertTrue(registry.scrape().contains("bounce_intake_messages_total{outcome=\"recorded\",source=\"smtp\"} 1.0"),
                registry.scrape());
        assertEquals(java.util.Map.of("smtp", 1), traffic.snapshot().sourceTotals(),
                "the console's traffic screen shows where the classification came from");
    }

    @Test
    void theSameDsnDeliveredTwiceCountsOnce() throws Exception {
        byte[] dsn = fixture("postfix/dsn-two-recipients.eml");
        SmtpClient.Reply first = deliver(server.port(), "bounces@" + DOMAIN, dsn);
        SmtpClient.Reply again = deliver(server.port(), "bounces@" + DOMAIN, dsn);

        assertEquals(250, first.code(), first::toString);
        assertTrue(first.text().contains("2 recorded, 0 already recorded"), first::toString);
        assertEquals(250, again.code(), again::toString);
        assertTrue(again.text().contains("0 recorded, 2 already recorded"), again::toString);
        for (var result : PARSER.parse(dsn).recipients()) {
            assertEquals(1, view(result.recipient()).events().size(), result.recipient() + " counted once");
        }
    }

    @Test
    void recipientsOutsideTheBounceDomainsAreRefusedSoItIsNeverARelay() throws Exception {
        try (SmtpClient c = new SmtpClient(server.port())) {
            assertEquals(250, c.send("EHLO spammer.example.net").code());
            assertEquals(250, c.send("MAIL FROM:<spammer@example.net>").code());
            for (String other : List.of("victim@example.org", "bounces@sub." + DOMAIN, "bounces@" + DOMAIN + ".evil.example",
                    "victim%example.org@" + "example.org", "@" + DOMAIN + ":victim@example.org")) {
                SmtpClient.Reply r = c.send("RCPT TO:<" + other + ">");
                assertEquals(550, r.code(), other + ": " + r);
                assertTrue(r.text().startsWith("5.7.1 Relay denied"), r::toString);
            }
            // with no accepted recipient there is no message to send
            assertEquals(503, c.send("DATA").code());
            assertEquals(250, c.send("RCPT TO:<Bounces@BOUNCE.Example.COM>").code(), "domains match in any case");
        }
    }

    @Test
    void aMessageOverTheSizeLimitIsRefusedWhetherDeclaredOrNot() throws Exception {
        try (SmtpClient c = new SmtpClient(server.port())) {
            SmtpClient.Reply ehlo = c.send("EHLO mta.example.org");
            assertTrue(ehlo.text().contains("SIZE " + 64 * 1024), ehlo::toString);
            SmtpClient.Reply declared = c.send("MAIL FROM:<> SIZE=" + (64 * 1024 + 1));
            assertEquals(552, declared.code(), declared::toString);

            assertEquals(250, c.send("MAIL FROM:<>").code());
            assertEquals(250, c.send("RCPT TO:<bounces@" + DOMAIN + ">").code());
            byte[] big = ("Subject: big\r\nMessage-ID: <big@x>\r\n\r\n" + "x".repeat(100) + "\r\n")
                    .repeat(1000).getBytes(StandardCharsets.US_ASCII);
            SmtpClient.Reply tooBig = c.data(big);
            assertEquals(552, tooBig.code(), tooBig::toString);
            assertTrue(tooBig.text().startsWith("5.3.4"), tooBig::toString);
            // the rest of the message was read, not taken for commands: the session goes on
            assertEquals(250, c.send("NOOP").code());
        }
        assertTrue(registry.scrape().contains("outcome=\"too_large\""), registry.scrape());
    }

    @Test
    void theVerpAddressNamesTheRecipientTheNoticeDoesNot() throws Exception {
        byte[] notice = fixture("generic/no-recipient-named.eml");
        SmtpClient.Reply r = deliver(server.port(), "bounces+hanako.y=example.jp@" + DOMAIN, notice);

        assertEquals(250, r.code(), r::toString);
        Ledger.RecipientView recorded = view("hanako.y@example.jp");
        assertNotNull(recorded, "the original recipient comes from the VERP bounce address");
        assertEquals("message_too_large", recorded.events().get(0).category());
    }

    @Test
    void withoutVerpANoticeThatNamesNoRecipientIsAcceptedButRecordsNothing() throws Exception {
        SmtpClient.Reply r = deliver(server.port(), "bounces@" + DOMAIN, fixture("generic/no-recipient-named.eml"));
        assertEquals(250, r.code(), r::toString);
        assertTrue(r.text().contains("0 recorded, 0 already recorded, 1 without an address"), r::toString);
        assertTrue(registry.scrape().contains("bounce_intake_messages_total{outcome=\"no_address\",source=\"smtp\"} 1.0"),
                registry.scrape());
    }

    @Test
    void starttlsIsOfferedAndCarriesTheBounce() throws Exception {
        try (SmtpClient c = new SmtpClient(server.port())) {
            assertTrue(c.send("EHLO mta.example.org").text().contains("STARTTLS"));
            assertEquals(220, c.startTls(cert.clientTrust()).code());
            assertTrue(c.tlsProtocol().startsWith("TLSv1."), c.tlsProtocol());
            assertEquals(250, c.send("EHLO mta.example.org").code());
            assertEquals(250, c.send("MAIL FROM:<>").code());
            assertEquals(250, c.send("RCPT TO:<bounces@" + DOMAIN + ">").code());
            SmtpClient.Reply r = c.data(fixture("postfix/dsn-user-unknown.eml"));
            assertEquals(250, r.code(), r::toString);
        }
        assertNotNull(view("sato.kenji@example.jp"));
    }

    @Test
    void aLedgerThatCannotRecordGets451SoTheSenderRetries() throws Exception {
        LedgerStore down = (LedgerStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {LedgerStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new LedgerStoreException("database is down", null);
                });
        Ledger broken = new Ledger(down, Clock.systemUTC(), 1);
        try (ReturnPathServer failing = start(config(64 * 1024, 10, 0, null), broken)) {
            SmtpClient.Reply r = deliver(failing.port(), "bounces@" + DOMAIN, fixture("postfix/dsn-user-unknown.eml"));
            assertEquals(451, r.code(), r::toString);
            assertTrue(r.text().startsWith("4.3.0"), r::toString);
        }
        assertTrue(registry.scrape().contains("outcome=\"failed\""));
    }

    @Test
    void aClientOverItsRateIsToldToComeBackLater() throws Exception {
        try (ReturnPathServer limited = start(config(64 * 1024, 10, 2, null), ledger);
             SmtpClient c = new SmtpClient(limited.port())) {
            assertEquals(250, c.send("EHLO mta.example.org").code());
            assertEquals(250, c.send("MAIL FROM:<>").code());
            assertEquals(250, c.send("RSET").code());
            assertEquals(250, c.send("MAIL FROM:<>").code());
            assertEquals(250, c.send("RSET").code());
            SmtpClient.Reply third = c.send("MAIL FROM:<>");
            assertEquals(450, third.code(), third::toString);
            assertTrue(third.text().startsWith("4.7.1"), third::toString);
        }
    }

    @Test
    void connectionsBeyondTheLimitAreTurnedAway() throws Exception {
        try (ReturnPathServer small = start(config(64 * 1024, 1, 0, null), ledger);
             SmtpClient first = new SmtpClient(small.port())) {
            assertEquals(220, first.greeting.code());
            try (SmtpClient second = new SmtpClient(small.port())) {
                assertEquals(421, second.greeting.code(), second.greeting::toString);
            }
            assertEquals(250, first.send("NOOP").code());
        }
    }

    private static void delete(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
