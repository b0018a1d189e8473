package org.bounceclassifier.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
import org.bounceclassifier.smtp.VerpFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mailbox poller against a real IMAP server started here (GreenMail, on loopback): bounces in
 * the mailbox are classified, recorded and moved; what cannot be handled goes to the failed folder
 * with the reason; nothing is lost while the ledger is down.
 */
class MailboxPollerTest {
    private static final Path FIXTURES = Path.of("src/test/resources/bounces");
    private static final String USER = "bounces";
    private static final String PASSWORD = "imap-test-pw";
    private static CurrentRules rules;

    private GreenMail imap;
    private GreenMailUser mailbox;
    private Path dataDir;
    private Ledger ledger;
    private PrometheusMeterRegistry registry;
    private TrafficRecorder traffic;

    @BeforeAll
    static void loadRules() {
        rules = new CurrentRules(TestRules.RULES, TestRules.CASES, false);
        assertTrue(rules.load().ok());
    }

    @AfterAll
    static void closeRules() {
        rules.close();
    }

    @BeforeEach
    void start() throws Exception {
        imap = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        imap.start();
        mailbox = imap.setUser("bounces@bounce.example.com", USER, PASSWORD);
        dataDir = Files.createTempDirectory("imap-ledger-");
        ledger = new Ledger(LedgerStores.open(LedgerConfig.embedded(dataDir, LedgerConfig.DEFAULT_RETENTION_DAYS)),
                Clock.systemUTC(), LedgerConfig.DEFAULT_RETENTION_DAYS);
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        traffic = new TrafficRecorder();
    }

    @AfterEach
    void stop() throws Exception {
        imap.stop();
        ledger.close();
        try (var walk = Files.walk(dataDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private MailboxConfig config(Duration interval) {
        return MailboxConfig.parse("imap://" + USER + "@127.0.0.1:" + imap.getImap().getPort() + "/INBOX", PASSWORD,
                MailboxConfig.DEFAULT_PROCESSED, MailboxConfig.DEFAULT_FAILED, interval, 1024 * 1024,
                VerpFormat.parse(VerpFormat.DEFAULT));
    }

    private MailboxPoller poller(Ledger into, Duration interval) {
        IntakeMetrics metrics = new IntakeMetrics(new ServiceMetrics(registry, traffic));
        return new MailboxPoller(config(interval), new BounceIntake(new MailParser(), rules, into, "en", metrics), metrics);
    }

    private void deliver(byte[] raw) throws Exception {
        mailbox.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
    }

    private static byte[] fixture(String name) throws Exception {
        return Files.readAllBytes(FIXTURES.resolve(name));
    }

    /** The raw messages now in a folder of the test mailbox, read by a separate IMAP client. */
    private List<String> folder(String name) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imap.getImap().getPort(), USER, PASSWORD);
        try {
            Folder f = store.getFolder(name);
            if (!f.exists()) {
                return List.of();
            }
            f.open(Folder.READ_ONLY);
            List<String> out = new ArrayList<>();
            for (Message m : f.getMessages()) {
                if (!m.isSet(jakarta.mail.Flags.Flag.DELETED)) {
                    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
                    m.writeTo(b);
                    out.add(b.toString(StandardCharsets.UTF_8));
                }
            }
            f.close(false);
            return out;
        } finally {
            store.close();
        }
    }

    private int messageCount(String name) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", imap.getImap().getPort(), USER, PASSWORD);
        try {
            return store.getFolder(name).getMessageCount();
        } finally {
            store.close();
        }
    }

    private Ledger.RecipientView view(String address) {
        return ledger.view(EmailAddress.parse(address), 20, 20).orElse(null);
    }

    @Test
    void bouncesAreRecordedAndMovedAndTheRestPutAsideWithTheReason() throws Exception {
        byte[] dsn = fixture("postfix/dsn-user-unknown.eml");
        deliver(dsn);
        deliver(dsn);
        deliver(("Delivered-To: bounces+hanako.y=example.jp@bounce.example.com\r\n"
                + new String(fixture("generic/no-recipient-named.eml"), StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1));
        deliver(("From: Taro <taro@example.jp>\r\nTo: bounces@bounce.example.com\r\nSubject: Re: December news\r\n"
                + "Message-ID: <human-1@example.jp>\r\n\r\nPlease stop sending me these.\r\n")
                .getBytes(StandardCharsets.US_ASCII));

        MailboxPoller.Poll poll = poller(ledger, Duration.ofMinutes(1)).pollOnce();

        assertEquals(new MailboxPoller.Poll(3, 1, 0), poll);
        assertEquals(List.of(), folder("INBOX"), "every message left the inbox");
        assertEquals(0, messageCount("INBOX"), "moved (MOVE), or appended and expunged alone (UIDPLUS)");
        assertEquals(3, folder(MailboxConfig.DEFAULT_PROCESSED).size());
        List<String> failed = folder(MailboxConfig.DEFAULT_FAILED);
        assertEquals(1, failed.size());
        assertTrue(failed.get(0).startsWith(MailboxPoller.FAILURE_HEADER + ": not a bounce (not_a_bounce)"), failed.get(0));
        assertTrue(failed.get(0).contains("Please stop sending me these."), "the message itself is kept whole");

        Ledger.RecipientView dsnRecipient = view("sato.kenji@example.jp");
        assertEquals("suppressed", dsnRecipient.recipient().state().id());
        assertEquals(1, dsnRecipient.events().size(), "the same bounce twice in the mailbox counts once");
        assertEquals("message_too_large", view("hanako.y@example.jp").events().get(0).category(),
                "the VERP address in Delivered-To names the recipient the notice does not");
        assertTrue(registry.scrape().contains("bounce_intake_messages_total{outcome=\"recorded\",source=\"imap\"} 2.0"),
                registry.scrape());
    }

    @Test
    void whileTheLedgerIsDownTheMessagesStayForTheNextPoll() throws Exception {
        deliver(fixture("postfix/dsn-user-unknown.eml"));
        LedgerStore down = (LedgerStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {LedgerStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new LedgerStoreException("database is down", null);
                });

        assertEquals(new MailboxPoller.Poll(0, 0, 1), poller(new Ledger(down, Clock.systemUTC(), 1), Duration.ofMinutes(1))
                .pollOnce());
        assertEquals(1, folder("INBOX").size(), "nothing acknowledged, nothing moved");

        assertEquals(new MailboxPoller.Poll(1, 0, 0), poller(ledger, Duration.ofMinutes(1)).pollOnce());
        assertNotNull(view("sato.kenji@example.jp"));
        assertEquals(List.of(), folder("INBOX"));
    }

    @Test
    void theStartedPollerPicksUpNewMailByItself() throws Exception {
        try (MailboxPoller running = poller(ledger, Duration.ofMillis(200))) {
            running.start();
            deliver(fixture("postfix/dsn-two-recipients.eml"));
            long deadline = System.currentTimeMillis() + 20_000;
            while (folder(MailboxConfig.DEFAULT_PROCESSED).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
        }
        assertEquals(1, folder(MailboxConfig.DEFAULT_PROCESSED).size());
        for (var r : new MailParser().parse(fixture("postfix/dsn-two-recipients.eml")).recipients()) {
            assertNotNull(view(r.recipient()), r.recipient());
        }
    }

    @Test
    void aMailboxUrlIsReadWithoutSecretsInIt() {
        MailboxConfig c = MailboxConfig.parse("imaps://bounces%40example.com@mail.example.com/Bounces", "pw",
                "Processed", "Failed", Duration.ofSeconds(60), 1000, VerpFormat.parse(VerpFormat.DEFAULT));
        assertEquals("bounces@example.com", c.user());
        assertEquals("Bounces", c.folder());
        assertTrue(c.ssl());
        assertEquals("imaps://bounces@example.com@mail.example.com/Bounces", c.describe());
        IllegalArgumentException withPassword = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MailboxConfig.parse("imaps://user:pw@mail.example.com/INBOX", "pw", "Processed", "Failed",
                        Duration.ofSeconds(60), 1000, VerpFormat.parse(VerpFormat.DEFAULT)));
        assertTrue(withPassword.getMessage().contains("BOUNCE_IMAP_PASSWORD"));
        IllegalArgumentException noPassword = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MailboxConfig.parse("imaps://user@mail.example.com/INBOX", null, "Processed", "Failed",
                        Duration.ofSeconds(60), 1000, VerpFormat.parse(VerpFormat.DEFAULT)));
        assertTrue(noPassword.getMessage().contains("BOUNCE_IMAP_PASSWORD"));
    }
}
