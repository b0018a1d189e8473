package org.bounceclassifier.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.bounceclassifier.smtp.BounceDomains;
import org.bounceclassifier.smtp.SmtpConfig;
import org.bounceclassifier.smtp.TlsFiles;
import org.bounceclassifier.smtp.VerpFormat;
import picocli.CommandLine.Option;

/** The return-path SMTP receiver's options of {@code serve}: off unless {@code --smtp-port} is given. */
final class SmtpOptions {
    @Option(names = "--smtp-port", paramLabel = "PORT", defaultValue = "${env:BOUNCE_SMTP_PORT}",
            description = "Receive bounces by SMTP on this port (the MX of the bounce domains; off by default;"
                    + " env BOUNCE_SMTP_PORT).")
    Integer port;

    @Option(names = "--smtp-host", defaultValue = "${env:BOUNCE_SMTP_HOST:-127.0.0.1}",
            description = "Address the SMTP receiver listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every"
                    + " interface; env BOUNCE_SMTP_HOST).")
    String host;

    @Option(names = "--bounce-domain", paramLabel = "DOMAIN", split = ",",
            description = "A domain the SMTP receiver takes mail for (repeatable, or comma-separated; env"
                    + " BOUNCE_DOMAINS). Mail to any other domain is refused: 550 5.7.1.")
    List<String> bounceDomains = new ArrayList<>();

    @Option(names = "--verp-format", defaultValue = "${env:BOUNCE_VERP_FORMAT:-" + VerpFormat.DEFAULT + "}",
            description = "How a bounce address encodes the original recipient, read from the SMTP recipient and"
                    + " from a polled message's Delivered-To, X-Original-To or To (default: ${DEFAULT-VALUE}).")
    String verpFormat;

    @Option(names = "--smtp-max-message-bytes", defaultValue = "${env:BOUNCE_SMTP_MAX_MESSAGE_BYTES:-"
            + SmtpConfig.DEFAULT_MAX_MESSAGE_BYTES + "}",
            description = "Largest message taken, in bytes (announced as SIZE; default: ${DEFAULT-VALUE}).")
    int maxMessageBytes;

    @Option(names = "--smtp-max-connections", defaultValue = "${env:BOUNCE_SMTP_MAX_CONNECTIONS:-"
            + SmtpConfig.DEFAULT_MAX_CONNECTIONS + "}",
            description = "SMTP connections at once; more are answered 421 (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--smtp-rate-per-client", paramLabel = "PER_MINUTE", defaultValue =
            "${env:BOUNCE_SMTP_RATE_PER_CLIENT:-" + SmtpConfig.DEFAULT_PER_CLIENT_PER_MINUTE + "}",
            description = "Messages per minute from one client address; over it, 450 4.7.1 (0: no limit;"
                    + " default: ${DEFAULT-VALUE}).")
    int perClientPerMinute;

    @Option(names = "--smtp-tls-cert", paramLabel = "PEM", defaultValue = "${env:BOUNCE_SMTP_TLS_CERT}",
            description = "Certificate chain (PEM) for STARTTLS; with --smtp-tls-key.")
    Path tlsCert;

    @Option(names = "--smtp-tls-key", paramLabel = "PEM", defaultValue = "${env:BOUNCE_SMTP_TLS_KEY}",
            description = "Private key (PEM, unencrypted) of --smtp-tls-cert.")
    Path tlsKey;

    @Option(names = "--smtp-tls-keystore", paramLabel = "P12", defaultValue = "${env:BOUNCE_SMTP_TLS_KEYSTORE}",
            description = "PKCS#12 keystore for STARTTLS instead of PEM files; its password in the environment"
                    + " variable BOUNCE_SMTP_TLS_KEYSTORE_PASSWORD.")
    Path tlsKeystore;

    boolean enabled() {
        return port != null;
    }

    /** @throws IllegalArgumentException saying which option is wrong and how to fix it */
    SmtpConfig config(String keystorePassword) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--smtp-port must be between 0 and 65535");
        }
        List<String> domains = new ArrayList<>(bounceDomains);
        String fromEnv = System.getenv("BOUNCE_DOMAINS");
        if (domains.isEmpty() && fromEnv != null && !fromEnv.isBlank()) {
            domains.addAll(List.of(fromEnv.split("\\s*,\\s*")));
        }
        if (maxMessageBytes > 1 << 30) {
            throw new IllegalArgumentException("--smtp-max-message-bytes is at most 1 GiB (" + (1 << 30) + ")");
        }
        return new SmtpConfig(host, port, BounceDomains.of(domains), VerpFormat.parse(verpFormat), maxMessageBytes,
                maxConnections, perClientPerMinute, tls(keystorePassword));
    }

    private SSLContext tls(String keystorePassword) {
        if (tlsKeystore != null) {
            if (tlsCert != null || tlsKey != null) {
                throw new IllegalArgumentException("give either --smtp-tls-keystore or --smtp-tls-cert with"
                        + " --smtp-tls-key, not both");
            }
            return TlsFiles.fromKeystore(tlsKeystore, keystorePassword == null ? new char[0]
                    : keystorePassword.toCharArray());
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--smtp-tls-cert and --smtp-tls-key go together: the certificate"
                    + " chain and its private key, both PEM");
        }
        return tlsCert == null ? null : TlsFiles.fromPem(tlsCert, tlsKey);
    }
}
