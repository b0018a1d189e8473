package org.bounceclassifier.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One transaction per unit, on a pooled connection (PostgreSQL). Units for different recipients
 * run in parallel; the server itself flushes concurrent commits together.
 */
final class TransactionPerCall implements WriteTransactions {
    private final DataSource dataSource;

    TransactionPerCall(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> T write(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new LedgerStoreException("the ledger database failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // the pool belongs to the store
    }
}
