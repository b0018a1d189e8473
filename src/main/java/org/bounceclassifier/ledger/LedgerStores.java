package org.bounceclassifier.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Opens the configured store: connection pool, schema migrations, writer. */
public final class LedgerStores {
    /**
     * SQLite serves reads from several connections at once (WAL) while the one writer writes;
     * more connections than this only wait on each other.
     */
    static final int EMBEDDED_POOL_SIZE = 4;
    /** Connections per instance on PostgreSQL; several instances share the server's limit (100 by default). */
    static final int POSTGRESQL_POOL_SIZE = 10;
    /** How long a call waits for a free connection (and SQLite for its lock) before it fails. */
    private static final long WAIT_MILLIS = 10_000;
    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

    private LedgerStores() {
    }

    /**
     * @throws LedgerStoreException when the database cannot be opened, reached or migrated
     * @throws IllegalArgumentException when the JDBC URL is not one the ledger supports
     */
    public static LedgerStore open(LedgerConfig config) {
        if (config.jdbcUrl() == null) {
            return openEmbedded(config);
        }
        if (!config.jdbcUrl().startsWith(POSTGRESQL_PREFIX)) {
            throw new IllegalArgumentException("the ledger's database URL must start with " + POSTGRESQL_PREFIX
                    + " (e.g. jdbc:postgresql://127.0.0.1:5432/bounces); leave it out for the embedded store in the"
                    + " data directory");
        }
        return openPostgres(config);
    }

    private static LedgerStore openEmbedded(LedgerConfig config) {
        Path file = config.dataDir().resolve(LedgerConfig.EMBEDDED_FILE).toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new LedgerStoreException("cannot create the data directory " + file.getParent() + ": " + e, e);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("ledger");
        hikari.setJdbcUrl("jdbc:sqlite:" + file);
        hikari.setMaximumPoolSize(EMBEDDED_POOL_SIZE);
        hikari.setConnectionTimeout(WAIT_MILLIS);
        // write-ahead log: readers never wait for the writer, and a commit is one append
        hikari.addDataSourceProperty("journal_mode", "WAL");
        // FULL: a commit is flushed to disk before it returns, so an acknowledged event survives
        // a crash of the process and of the machine
        hikari.addDataSourceProperty("synchronous", "FULL");
        hikari.addDataSourceProperty("busy_timeout", String.valueOf(WAIT_MILLIS));
        // a write transaction takes the write lock when it begins, not halfway through
        hikari.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        HikariDataSource dataSource = pool(hikari);
        migrate(dataSource, SqlDialect.SQLITE, config.addressCase());
        return new JdbcLedgerStore(SqlDialect.SQLITE, dataSource, new GroupCommitWriter(dataSource),
                "SQLite at " + file);
    }

    private static LedgerStore openPostgres(LedgerConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("ledger");
        hikari.setJdbcUrl(config.jdbcUrl());
        if (config.user() != null) {
            hikari.setUsername(config.user());
        }
        if (config.password() != null) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(POSTGRESQL_POOL_SIZE);
        hikari.setConnectionTimeout(WAIT_MILLIS);
        HikariDataSource dataSource = pool(hikari);
        migrate(dataSource, SqlDialect.POSTGRESQL, config.addressCase());
        return new JdbcLedgerStore(SqlDialect.POSTGRESQL, dataSource, new TransactionPerCall(dataSource),
                "PostgreSQL at " + withoutCredentials(config.jdbcUrl()));
    }

    private static HikariDataSource pool(HikariConfig hikari) {
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new LedgerStoreException("cannot connect to the ledger database " + withoutCredentials(
                    hikari.getJdbcUrl()) + ": " + rootMessage(e), e);
        }
    }

    /** Brings the schema up to date; several instances starting at once take turns (Flyway locks). */
    private static void migrate(HikariDataSource dataSource, SqlDialect dialect, AddressCase addressCase) {
        try {
            flyway(dataSource, dialect, addressCase, null).migrate();
        } catch (FlywayException e) {
            dataSource.close();
            throw new LedgerStoreException("cannot bring the ledger schema up to date: " + rootMessage(e), e);
        }
    }

    /**
     * The ledger's migrations: SQL files per dialect, and the Java ones that need the address rules.
     *
     * @param target the last version to apply, or null for all (tests build older schemas with it)
     */
    static Flyway flyway(javax.sql.DataSource dataSource, SqlDialect dialect, AddressCase addressCase,
                         String target) {
        var config = Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect.migrations())
                .javaMigrations(new OneRowPerAddress(addressCase))
                .table("ledger_schema_history")
                // versions are taken by separate changes (V4 and V5 were written side by side): a
                // database that already has the higher one still takes the lower one when it arrives
                .outOfOrder(true);
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    /** The URL without its query string, which may hold a password. */
    private static String withoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
