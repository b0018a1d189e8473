package org.bounceclassifier.imap;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.bounceclassifier.smtp.VerpFormat;

/**
 * The mailbox bounces are delivered to, and what the poller does with what it reads.
 *
 * @param ssl true for {@code imaps://} (TLS from the start), false for {@code imap://} (STARTTLS
 *     when the server offers it)
 * @param port the port, or -1 for the protocol's own (993, 143)
 * @param folder the folder to read, {@code INBOX} when the URL names none
 * @param processedFolder where a recorded bounce is moved
 * @param failedFolder where a message that could not be handled is put, with the reason
 * @param pollInterval how long between two looks at the folder
 * @param maxMessageBytes a larger message is not read: it goes to the failed folder
 * @param verp how a bounce address in {@code Delivered-To}, {@code X-Original-To} or {@code To}
 *     encodes the original recipient
 */
public record MailboxConfig(boolean ssl, String host, int port, String user, String password, String folder,
                            String processedFolder, String failedFolder, Duration pollInterval, int maxMessageBytes,
                            VerpFormat verp) {
    public static final String DEFAULT_PROCESSED = "Processed";
    public static final String DEFAULT_FAILED = "Failed";
    public static final int DEFAULT_POLL_SECONDS = 60;

    /**
     * Reads {@code imaps://user@host[:port]/FOLDER}; the user may be URL-encoded
     * ({@code bounces%40example.com}).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static MailboxConfig parse(String url, String password, String processedFolder, String failedFolder,
                                      Duration pollInterval, int maxMessageBytes, VerpFormat verp) {
        URI u;
        try {
            u = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--imap-url is not a URL: " + e.getMessage());
        }
        String scheme = u.getScheme();
        if (!"imaps".equals(scheme) && !"imap".equals(scheme)) {
            throw new IllegalArgumentException("--imap-url must start with imaps:// (or imap:// for STARTTLS or a"
                    + " local server), e.g. imaps://bounces@mail.example.com/INBOX");
        }
        if (u.getHost() == null || u.getRawUserInfo() == null) {
            throw new IllegalArgumentException("--imap-url must name the user and the host:"
                    + " imaps://user@host/INBOX (the password comes from BOUNCE_IMAP_PASSWORD)");
        }
        String user = URLDecoder.decode(u.getRawUserInfo(), StandardCharsets.UTF_8);
        if (user.contains(":")) {
            throw new IllegalArgumentException("put no password in --imap-url (it would show in the process list"
                    + " and logs): set BOUNCE_IMAP_PASSWORD");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the mailbox password is missing: set BOUNCE_IMAP_PASSWORD");
        }
        String path = u.getPath() == null ? "" : u.getPath().replaceFirst("^/+", "");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("--imap-poll-seconds must be at least 1");
        }
        if (processedFolder.isBlank() || failedFolder.isBlank() || processedFolder.equals(failedFolder)) {
            throw new IllegalArgumentException("--imap-processed-folder and --imap-failed-folder must be two folders");
        }
        return new MailboxConfig("imaps".equals(scheme), u.getHost(), u.getPort(), user, password,
                path.isEmpty() ? "INBOX" : path, processedFolder, failedFolder, pollInterval, maxMessageBytes, verp);
    }

    /** The URL without secrets, for logs. */
    public String describe() {
        return (ssl ? "imaps" : "imap") + "://" + user + "@" + host + (port < 0 ? "" : ":" + port) + "/" + folder;
    }
}
