package org.bounceclassifier.ledger;

/** The ledger contract on a real PostgreSQL server (a throwaway cluster; see {@link PostgresServer}). */
class PostgresLedgerTest extends LedgerContractTest {

    @Override
    LedgerStore openEmptyStore() {
        PostgresServer server = PostgresServer.shared();
        return LedgerStores.open(new LedgerConfig(null, server.newDatabase(), PostgresServer.user(), null,
                LedgerConfig.DEFAULT_RETENTION_DAYS));
    }
}
