package org.bounceclassifier.cli;

import java.time.Duration;
import org.bounceclassifier.imap.MailboxConfig;
import org.bounceclassifier.smtp.VerpFormat;
import picocli.CommandLine.Option;

/** The mailbox poller's options of {@code serve}: off unless {@code --imap-url} is given. */
final class ImapOptions {
    @Option(names = "--imap-url", defaultValue = "${env:BOUNCE_IMAP_URL}",
            description = "Read bounces from this mailbox: imaps://user@host/INBOX (password in BOUNCE_IMAP_PASSWORD;"
                    + " env BOUNCE_IMAP_URL).")
    String url;

    @Option(names = "--imap-processed-folder", defaultValue = "${env:BOUNCE_IMAP_PROCESSED_FOLDER:-"
            + MailboxConfig.DEFAULT_PROCESSED + "}",
            description = "Where recorded bounces are moved (created if missing; default: ${DEFAULT-VALUE}).")
    String processedFolder;

    @Option(names = "--imap-failed-folder", defaultValue = "${env:BOUNCE_IMAP_FAILED_FOLDER:-"
            + MailboxConfig.DEFAULT_FAILED + "}",
            description = "Where messages that cannot be handled go, with the reason in a header (default:"
                    + " ${DEFAULT-VALUE}).")
    String failedFolder;

    @Option(names = "--imap-poll-seconds", defaultValue = "${env:BOUNCE_IMAP_POLL_SECONDS:-"
            + MailboxConfig.DEFAULT_POLL_SECONDS + "}",
            description = "Seconds between two looks at the mailbox (default: ${DEFAULT-VALUE}).")
    long pollSeconds;

    boolean enabled() {
        return url != null && !url.isBlank();
    }

    /** @throws IllegalArgumentException saying which option is wrong and how to fix it */
    MailboxConfig config(String password, int maxMessageBytes, VerpFormat verp) {
        return MailboxConfig.parse(url, password, processedFolder, failedFolder, Duration.ofSeconds(pollSeconds),
                maxMessageBytes, verp);
    }
}
