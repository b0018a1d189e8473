package org.bounceclassifier.api;

/**
 * Input the service cannot use, with a stable error code and a message that says what to fix.
 * The HTTP layer answers it with status 400 and {@code {"error": code, "message": message}}.
 */
public final class InputException extends Exception {
    private final String code;

    public InputException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
