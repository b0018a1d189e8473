package org.bounceclassifier.ledger;

/** Runs units of work that write, each committed (durably) before {@link #write} returns. */
interface WriteTransactions extends AutoCloseable {

    /** @throws LedgerStoreException when the unit or its commit fails; then none of it is stored */
    <T> T write(SqlWork<T> work);

    @Override
    void close();
}
