package org.bounceclassifier.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hourly traffic by receiver in the ledger's database (migration V5): counts add up, survive a
 * reopen, are shared by two stores on one PostgreSQL database, and are purged by hour; a database
 * at V3 (the last version before this branch) and a fresh one both migrate to it.
 */
class ReceiverCountsTest {
    private static final Instant TEN = Instant.parse("2026-12-06T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-12-06T11:00:00Z");

    @TempDir
    Path dataDir;

    private static ReceiverCounts.HourCount count(Instant hour, String provider, String category, long n) {
        return new ReceiverCounts.HourCount(hour, provider, category, n);
    }

    @Test
    void sqliteAddsUpKeepsAcrossAReopenAndPurgesByHour() {
        LedgerConfig config = LedgerConfig.embedded(dataDir, 90);
        try (LedgerStore store = LedgerStores.open(config)) {
            store.receiverCounts().add(List.of(count(TEN, "yahoo", "rate_limited", 3), count(TEN, "gmail", "bad_mailbox", 1)));
            store.receiverCounts().add(List.of(count(TEN, "yahoo", "rate_limited", 2), count(ELEVEN, "yahoo", "delayed", 4)));
        }
        try (LedgerStore reopened = LedgerStores.open(config)) {
            ReceiverCounts counts = reopened.receiverCounts();
            assertEquals("ledger", counts.storage());
            assertEquals(List.of(count(TEN, "gmail", "bad_mailbox", 1), count(TEN, "yahoo", "rate_limited", 5),
                    count(ELEVEN, "yahoo", "delayed", 4)), counts.since(TEN));
            assertEquals(List.of(count(ELEVEN, "yahoo", "delayed", 4)), counts.since(ELEVEN));
            assertEquals(2, counts.purgeBefore(ELEVEN));
            assertEquals(List.of(count(ELEVEN, "yahoo", "delayed", 4)), counts.since(TEN));
        }
    }

    @Test
    void twoInstancesOnOnePostgresqlDatabaseAddToTheSameRows() throws Exception {
        String url = PostgresServer.shared().newDatabase();
        LedgerConfig config = new LedgerConfig(null, url, PostgresServer.user(), null, 90);
        try (LedgerStore a = LedgerStores.open(config); LedgerStore b = LedgerStores.open(config)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    LedgerStore store = i % 2 == 0 ? a : b;
                    // overlapping batches in different orders: the store sorts them, so no deadlock
                    List<ReceiverCounts.HourCount> batch = i % 3 == 0
                            ? List.of(count(TEN, "yahoo", "rate_limited", 1), count(TEN, "gmail", "delayed", 2))
                            : List.of(count(TEN, "gmail", "delayed", 2), count(TEN, "yahoo", "rate_limited", 1));
                    writes.add(pool.submit(() -> store.receiverCounts().add(batch)));
                }
                for (Future<?> f : writes) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            assertEquals(List.of(count(TEN, "gmail", "delayed", 80), count(TEN, "yahoo", "rate_limited", 40)),
                    b.receiverCounts().since(TEN));
        }
    }

    @Test
    void aSqliteDatabaseAtV3AndAFreshOneBothMigrateToV5() throws SQLException {
        Path old = dataDir.resolve("old");
        try (HikariDataSource ds = dataSource("jdbc:sqlite:" + old.resolve("ledger.db"), null, old)) {
            LedgerStores.flyway(ds, SqlDialect.SQLITE, AddressCase.INSENSITIVE, "3").migrate();
            assertEquals("3", latestVersion(ds));
        }
        try (LedgerStore store = LedgerStores.open(LedgerConfig.embedded(old, 90))) {
            store.receiverCounts().add(List.of(count(TEN, "docomo", "bad_mailbox", 1)));
            assertEquals(1, store.receiverCounts().since(TEN).size());
        }
        Path fresh = dataDir.resolve("fresh");
        try (LedgerStore store = LedgerStores.open(LedgerConfig.embedded(fresh, 90))) {
            assertTrue(store.receiverCounts().since(TEN).isEmpty());
        }
        for (Path dir : List.of(old, fresh)) {
            try (HikariDataSource ds = dataSource("jdbc:sqlite:" + dir.resolve("ledger.db"), null, dir)) {
                assertEquals("5", latestVersion(ds));
            }
        }
    }

    @Test
    void aPostgresqlDatabaseAtV3MigratesToV5() throws SQLException {
        String url = PostgresServer.shared().newDatabase();
        try (HikariDataSource ds = dataSource(url, PostgresServer.user(), null)) {
            LedgerStores.flyway(ds, SqlDialect.POSTGRESQL, AddressCase.INSENSITIVE, "3").migrate();
            assertEquals("3", latestVersion(ds));
        }
        try (LedgerStore store = LedgerStores.open(new LedgerConfig(null, url, PostgresServer.user(), null, 90))) {
            store.receiverCounts().add(List.of(count(TEN, "au", "mailbox_full", 2)));
            assertEquals(List.of(count(TEN, "au", "mailbox_full", 2)), store.receiverCounts().since(TEN));
        }
        try (HikariDataSource ds = dataSource(url, PostgresServer.user(), null)) {
            assertEquals("5", latestVersion(ds));
        }
    }

    private static HikariDataSource dataSource(String url, String user, Path dir) {
        if (dir != null) {
            dir.toFile().mkdirs();
        }
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        if (user != null) {
            ds.setUsername(user);
        }
        return ds;
    }

    private static String latestVersion(HikariDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM ledger_schema_history WHERE success"
                     + " ORDER BY installed_rank DESC LIMIT 1")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
