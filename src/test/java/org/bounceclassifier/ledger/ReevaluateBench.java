package org.bounceclassifier.ledger;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Clock;
import java.util.List;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.engine.RuleSet;

/**
 * A benchmark, not a test (scripts/ledger-reevaluate-bench.sh runs it): fills a fresh ledger with
 * {@code --events} events (default 1,000,000, ten per recipient) by batched inserts, as an older
 * rule version would have recorded them, then times a dry-run and an applied re-evaluation with
 * the bundled rules, in this JVM (run it with a capped heap: memory must not grow with the ledger).
 *
 * <p>Options: {@code --events N}, {@code --db-url URL} (PostgreSQL; user from BOUNCE_DB_USER),
 * otherwise SQLite in a temporary directory.
 */
public final class ReevaluateBench {
    /** The texts the events carry: written for this benchmark in the usual shapes of receivers' replies. */
    private static final List<BounceInput> TEXTS = List.of(
            input(452, "4.2.2", "452 4.2.2 <{r}>: Mailbox full, try again later"),
            input(421, "4.4.2", "421 4.4.2 mx.example.net Error: timeout exceeded"),
            input(451, "4.7.1", "451 4.7.1 Greylisted, please try again in 300 seconds"),
            input(554, "5.7.9", "554 5.7.9 Message not accepted for policy reasons"),
            input(452, "4.2.2", "452 4.2.2 The email account that you tried to reach is over quota"),
            input(550, "5.7.1", "550 5.7.1 Service unavailable; client host [192.0.2.44] blocked using a DNSBL"),
            input(450, "4.2.0", "450 4.2.0 <{r}>: Recipient address rejected: mailbox temporarily unavailable"),
            input(550, "5.1.1", "550 5.1.1 <{r}>: Recipient address rejected: User unknown in local recipient table"));

    private ReevaluateBench() {
    }

    private static BounceInput input(int code, String status, String text) {
        return new BounceInput(code, status, text, null, null, "mx.example.net", "failed", 0);
    }

    public static void main(String[] args) throws Exception {
        int events = 1_000_000;
        String dbUrl = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[i + 1]);
                case "--db-url" -> dbUrl = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("reevaluate-bench-");
        String user = System.getenv("BOUNCE_DB_USER");
        LedgerConfig config = dbUrl == null ? LedgerConfig.embedded(dir, 3650)
                : new LedgerConfig(null, dbUrl, user, System.getenv("BOUNCE_DB_PASSWORD"), 3650);
        RuleSet rules = TestRules.bundled();
        try (Ledger ledger = new Ledger(LedgerStores.open(config), Clock.systemUTC(), 3650)) {
            long start = System.nanoTime();
            fill(dbUrl == null ? "jdbc:sqlite:" + dir.resolve(LedgerConfig.EMBEDDED_FILE) : dbUrl, user, events, rules);
            System.out.printf("filled %,d events for %,d recipients in %.1f s (%s)%n", events, events / 10,
                    seconds(start), ledger.describe());
            for (boolean apply : new boolean[] {false, true}) {
                resetPeaks();
                start = System.nanoTime();
                Reevaluation.Report r = ledger.reevaluate(rules, apply, "bench", "en");
                System.out.printf("%s: %.1f s, %,d recipients, %,d events judged, %,d events %s, %,d would be"
                                + " suppressed, %,d released, peak heap %d MB (max %d MB)%n",
                        apply ? "applied" : "dry-run", seconds(start), r.recipients, r.eventsJudged, r.eventsRewritten,
                        apply ? "rewritten" : "would change", r.wouldSuppress.count, r.wouldRelease.count,
                        peakHeapMb(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Ten events a recipient, recorded under an older rule version: the stored decisions are the
     * bundled rules' answer without history, so the re-evaluation finds the runs to escalate.
     */
    private static void fill(String url, String user, int events, RuleSet rules) throws Exception {
        Classification[] decided = new Classification[TEXTS.size()];
        for (int i = 0; i < TEXTS.size(); i++) {
            decided[i] = rules.classify(TEXTS.get(i), "en");
        }
        long t0 = 1_700_000_000_000L;
        try (Connection c = DriverManager.getConnection(url, user, null)) {
            c.setAutoCommit(false);
            try (PreparedStatement rec = c.prepareStatement("INSERT INTO recipients (address, domain, state,"
                    + " soft_bounces, updated_at) VALUES (?, ?, 'active', 0, ?)");
                 PreparedStatement ev = c.prepareStatement("INSERT INTO events (event_id, address, kind, recorded_at,"
                         + " category, bounce_type, action, smtp_code, enhanced_status, matched_rules, rules_version,"
                         + " soft_bounces_before, soft_bounces_after, effect, message_id, diagnostic, dsn_action,"
                         + " remote_mta) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'old', 0, 0, ?, ?, ?, 'failed',"
                         + " 'mx.example.net')")) {
                for (int n = 0; n < events; n++) {
                    int recipient = n / 10;
                    String address = "user" + recipient + "@domain" + (recipient % 1000) + ".example";
                    if (n % 10 == 0) {
                        rec.setString(1, address);
                        rec.setString(2, "domain" + (recipient % 1000) + ".example");
                        rec.setLong(3, t0);
                        rec.addBatch();
                    }
                    ev.setString(1, "ev-" + n);
                    ev.setString(2, address);
                    ev.setLong(4, t0 + n);
                    boolean delivery = n % 10 == 0 || n % 10 == 6;
                    ev.setString(3, delivery ? "delivery" : "bounce");
                    // one recipient in twenty ends with an unknown user; otherwise the mix above
                    int text = n % 10 == 9 && recipient % 20 == 0 ? 7 : (n + recipient) % 7;
                    Classification d = decided[text];
                    ev.setString(5, delivery ? null : d.category().id());
                    ev.setString(6, delivery ? null : d.bounceType().id());
                    ev.setString(7, delivery ? null : d.action().id());
                    if (delivery) {
                        ev.setNull(8, Types.INTEGER);
                    } else {
                        ev.setInt(8, d.smtpCode() == null ? 0 : d.smtpCode());
                    }
                    ev.setString(9, delivery ? null : d.enhancedStatus());
                    ev.setString(10, delivery ? null : JdbcLedgerStore.json(d.matchedRuleNames()));
                    ev.setString(11, delivery ? "unchanged" : d.countsAsSoftBounce() ? "counted" : "unchanged");
                    ev.setString(12, delivery ? null : "msg-" + recipient + "-" + (n % 10 / 3));
                    ev.setString(13, delivery ? null : TEXTS.get(text).diagnostic().replace("{r}", address));
                    ev.addBatch();
                    if (n % 1000 == 999) {
                        rec.executeBatch();
                        ev.executeBatch();
                    }
                }
                rec.executeBatch();
                ev.executeBatch();
            }
            c.commit();
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }
}
