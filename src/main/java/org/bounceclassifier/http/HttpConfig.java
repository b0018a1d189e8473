package org.bounceclassifier.http;

/**
 * How the HTTP server listens and what it accepts.
 *
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 * @param defaultLang the language of texts when the request names none
 * @param adminToken the bearer token of admin endpoints; null or blank disables them
 */
public record HttpConfig(String host, int port, long maxBodyBytes, String defaultLang, String adminToken) {
    /** 1 MiB: a bounce e-mail's diagnostic parts are small; API.md's default. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
}
