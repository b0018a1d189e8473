package org.bounceclassifier.webhooks;

/** A webhook call refused: the status to answer, an error code and what to fix. */
public final class WebhookException extends Exception {
    private final int status;
    private final String code;

    public WebhookException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static WebhookException unauthenticated(String platform, String what) {
        return new WebhookException(401, "unauthenticated", "the " + platform + " webhook call is not authenticated: "
                + what);
    }

    static WebhookException badPayload(String platform, String what) {
        return new WebhookException(400, "invalid_payload", "the " + platform + " payload cannot be read: " + what);
    }
}
