package org.bounceclassifier.ledger;

/** The database failed or cannot be reached; nothing of the failed call was committed. */
public final class LedgerStoreException extends RuntimeException {
    public LedgerStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
