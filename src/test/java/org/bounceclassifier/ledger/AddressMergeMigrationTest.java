package org.bounceclassifier.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration that merges the spellings of one address, on a database written by the previous
 * schema (version 1, built here with Flyway's target) on both stores: rows are written as the old
 * release wrote them, then the ledger opens it and migrates.
 */
class AddressMergeMigrationTest {
    @TempDir
    Path dataDir;

    @Test
    void sqliteRowsSplitByTheOldSchemaAreMerged() throws SQLException {
        LedgerConfig config = LedgerConfig.embedded(dataDir, 90);
        writeWithTheOldSchema("jdbc:sqlite:" + dataDir.resolve(LedgerConfig.EMBEDDED_FILE), null, SqlDialect.SQLITE);
        assertMerged(config);
    }

    @Test
    void postgresqlRowsSplitByTheOldSchemaAreMerged() throws SQLException {
        String url = PostgresServer.shared().newDatabase();
        writeWithTheOldSchema(url, PostgresServer.user(), SqlDialect.POSTGRESQL);
        assertMerged(new LedgerConfig(null, url, PostgresServer.user(), null, 90));
    }

    private static void writeWithTheOldSchema(String url, String user, SqlDialect dialect) throws SQLException {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(url);
            if (user != null) {
                ds.setUsername(user);
            }
            LedgerStores.flyway(ds, dialect, AddressCase.INSENSITIVE, "1").migrate();
            try (Connection c = ds.getConnection()) {
                // Taro: suppressed under one spelling, counting under another, released under a third
                recipient(c, "Taro@example.jp", "suppressed", 0, 1_000L, "bad_mailbox", "ev-1", null);
                recipient(c, "taro@example.jp", "soft_bouncing", 3, null, null, null, null);
                recipient(c, "TARO@example.jp", "released", 0, null, null, null, 500L);
                event(c, "ev-1", "Taro@example.jp", "suppressed");
                event(c, "ev-2", "taro@example.jp", "counted");
                event(c, "ev-3", "taro@example.jp", "counted");
                audit(c, "TARO@example.jp");
                // Hanako: the Unicode domain and its A-label, both counting
                recipient(c, "hanako@例え.jp", "soft_bouncing", 2, null, null, null, null);
                recipient(c, "hanako@xn--r8jz45g.jp", "soft_bouncing", 1, null, null, null, null);
                event(c, "ev-4", "hanako@例え.jp", "counted");
                event(c, "ev-5", "hanako@xn--r8jz45g.jp", "counted");
                // already in its one spelling: untouched
                recipient(c, "ken@example.com", "active", 0, null, null, null, null);
            }
        }
    }

    private static void assertMerged(LedgerConfig config) {
        try (Ledger ledger = new Ledger(LedgerStores.open(config), Clock.systemUTC(), 90)) {
            Ledger.RecipientView taro = ledger.view(EmailAddress.parse("taro@EXAMPLE.jp"), 100, 100).orElseThrow();
            assertEquals("taro@example.jp", taro.recipient().address().value());
            assertEquals(RecipientState.SUPPRESSED, taro.recipient().state(), "the strictest state is kept");
            assertEquals("bad_mailbox", taro.recipient().suppression().category());
            assertEquals("ev-1", taro.recipient().suppression().eventId());
            assertEquals(500L, taro.recipient().releasedAt().toEpochMilli());
            assertEquals(List.of("ev-3", "ev-2", "ev-1"), taro.events().stream().map(LedgerEvent::eventId).toList(),
                    "every event is kept, under the merged address");
            assertEquals(AuditEntry.MERGE, taro.audit().get(0).action());
            assertTrue(taro.audit().get(0).reason().contains("Taro@example.jp"), taro.audit().get(0).reason());
            assertEquals(AuditEntry.RELEASE, taro.audit().get(1).action(), "the old audit entry moved along");

            Ledger.RecipientView hanako = ledger.view(EmailAddress.parse("Hanako@例え.jp"), 100, 100).orElseThrow();
            assertEquals("hanako@xn--r8jz45g.jp", hanako.recipient().address().value());
            assertEquals(RecipientState.SOFT_BOUNCING, hanako.recipient().state());
            assertEquals(2, hanako.recipient().consecutiveSoftBounces(), "the longest run, not the sum");
            assertEquals(2, hanako.events().size());

            assertEquals(List.of(), ledger.view(EmailAddress.parse("ken@example.com"), 10, 10).orElseThrow().audit(),
                    "a row already in its one spelling is left alone");
            assertEquals(1, ledger.suppressions(new SuppressionQuery(null, null, null, null, 100)).total());
        }
    }

    private static void recipient(Connection c, String address, String state, int run, Long suppressedAt,
                                  String category, String eventId, Long releasedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO recipients (address, domain, state, soft_bounces,"
                + " suppressed_at, suppressed_category, suppressed_event_id, suppressed_rules, released_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, address);
            ps.setString(2, address.substring(address.indexOf('@') + 1));
            ps.setString(3, state);
            ps.setInt(4, run);
            ps.setObject(5, suppressedAt, java.sql.Types.BIGINT);
            ps.setString(6, category);
            ps.setString(7, eventId);
            ps.setString(8, category == null ? null : "[\"remediate: a hard bounce stops the sending\"]");
            ps.setObject(9, releasedAt, java.sql.Types.BIGINT);
            ps.setLong(10, 2_000L);
            ps.executeUpdate();
        }
    }

    private static void event(Connection c, String id, String address, String effect) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (event_id, address, kind, recorded_at,"
                + " category, bounce_type, action, soft_bounces_before, soft_bounces_after, effect)"
                + " VALUES (?, ?, 'bounce', 1000, 'mailbox_full', 'soft', 'retry', 0, 1, ?)")) {
            ps.setString(1, id);
            ps.setString(2, address);
            ps.setString(3, effect);
            ps.executeUpdate();
        }
    }

    private static void audit(Connection c, String address) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit (address, action, actor, reason, changed_at)"
                + " VALUES (?, 'release', 'support', 'the customer wrote in', 500)")) {
            ps.setString(1, address);
            ps.executeUpdate();
        }
    }
}
