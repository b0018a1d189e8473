package org.bounceclassifier.ledger;

import java.sql.Connection;
import java.sql.SQLException;

/** Statements that run together in one transaction on the connection given. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
