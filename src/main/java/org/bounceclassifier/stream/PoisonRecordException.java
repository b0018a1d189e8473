package org.bounceclassifier.stream;

/**
 * A record the service can never handle, however often it is read again (not JSON, no recipient,
 * an e-mail naming no failure): it goes to the dead-letter topic with this reason, and the stream
 * goes on. A database that cannot be reached is not poison: that record is read again later.
 */
public final class PoisonRecordException extends Exception {
    private final String code;

    public PoisonRecordException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
