package org.bounceclassifier.smtp;

import javax.net.ssl.SSLContext;

/**
 * How the return-path receiver listens and what it takes.
 *
 * @param host the address to listen on (loopback by default, like HTTP)
 * @param port the port; 0 takes a free one
 * @param domains the bounce domains: the only recipients' domains it accepts
 * @param verp how a bounce address encodes the original recipient
 * @param maxMessageBytes the largest message taken (announced with SIZE, and enforced while reading)
 * @param maxConnections connections at once; more are answered 421 and closed
 * @param perClientPerMinute messages per minute from one client address; 0: no limit
 * @param tls the certificate for STARTTLS, or null: STARTTLS is not offered
 */
public record SmtpConfig(String host, int port, BounceDomains domains, VerpFormat verp, int maxMessageBytes,
                         int maxConnections, int perClientPerMinute, SSLContext tls) {
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 100;
    public static final int DEFAULT_PER_CLIENT_PER_MINUTE = 600;
    /** A bounce names one original recipient; a few more cover an MTA that batches them. */
    static final int MAX_RECIPIENTS = 100;
    /** An idle or stalled client is dropped after this long (RFC 5321 section 4.5.3.2 asks for minutes). */
    static final int IDLE_TIMEOUT_MILLIS = 5 * 60 * 1000;

    public SmtpConfig {
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("--smtp-max-message-bytes must be at least 1");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("--smtp-max-connections must be at least 1");
        }
    }
}
