package org.bounceclassifier.http;

/**
 * How the HTTP server listens and what it accepts.
 *
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 * @param defaultLang the language of texts when the request names none
 * @param adminToken the bearer token of admin endpoints; null or blank disables them
 * @param maxBatchItems the most items a JSON array batch may have; more get 413 (NDJSON has no limit)
 */
public record HttpConfig(String host, int port, long maxBodyBytes, String defaultLang, String adminToken,
                         int maxBatchItems) {
    /** 1 MiB: a bounce e-mail's diagnostic parts are small; API.md's default. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** Enough for a campaign's hourly bounces in one request, small enough to answer within a second. */
    public static final int DEFAULT_MAX_BATCH_ITEMS = 10_000;

    public HttpConfig(String host, int port, long maxBodyBytes, String defaultLang, String adminToken) {
        this(host, port, maxBodyBytes, defaultLang, adminToken, DEFAULT_MAX_BATCH_ITEMS);
    }
}
