package org.bounceclassifier.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The few statements that differ between the embedded store (SQLite) and PostgreSQL. Everything
 * else is the same SQL on both.
 */
enum SqlDialect {
    /**
     * No row locks in SQLite: a write transaction holds the whole database, and the one writer
     * thread ({@link GroupCommitWriter}) runs each recipient's read-then-write on its own.
     */
    SQLITE("sqlite",
            "SELECT " + JdbcLedgerStore.RECIPIENT_COLUMNS + " FROM recipients WHERE address = ?",
            "SELECT " + JdbcLedgerStore.RECIPIENT_COLUMNS + " FROM recipients"
                    + " WHERE state = 'suppressed' AND address IN (SELECT value FROM json_each(?))"),
    /** The row lock serializes events for one recipient across every instance sharing the database. */
    POSTGRESQL("postgresql",
            "SELECT " + JdbcLedgerStore.RECIPIENT_COLUMNS + " FROM recipients WHERE address = ? FOR UPDATE",
            "SELECT " + JdbcLedgerStore.RECIPIENT_COLUMNS + " FROM recipients"
                    + " WHERE state = 'suppressed' AND address = ANY (?)");

    private final String folder;
    /** Reads a recipient and keeps it locked until the transaction ends. */
    final String selectRecipientForUpdate;
    /** The suppressed rows among a list of addresses given as one parameter. */
    final String selectSuppressedAmong;

    SqlDialect(String folder, String selectRecipientForUpdate, String selectSuppressedAmong) {
        this.folder = folder;
        this.selectRecipientForUpdate = selectRecipientForUpdate;
        this.selectSuppressedAmong = selectSuppressedAmong;
    }

    /** Where this dialect's Flyway migrations live. */
    String migrations() {
        return "classpath:db/ledger/" + folder;
    }

    /** Binds a list of addresses as the one parameter of {@link #selectSuppressedAmong}. */
    void bindAddressList(Connection c, PreparedStatement ps, int index, List<String> addresses) throws SQLException {
        if (this == POSTGRESQL) {
            ps.setArray(index, c.createArrayOf("text", addresses.toArray()));
        } else {
            ps.setString(index, JdbcLedgerStore.json(addresses));
        }
    }
}
