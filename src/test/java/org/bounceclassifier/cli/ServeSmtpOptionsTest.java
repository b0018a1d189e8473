package org.bounceclassifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bounceclassifier.TestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** serve refuses SMTP receiver options it cannot honour, before it listens, and says what to fix. */
class ServeSmtpOptionsTest {

    private static String[] serve(Path dataDir, String... more) {
        String[] base = {"serve", "--port", "0", "--no-rules-gate", "--no-watch", "--rules", TestRules.RULES.toString(),
            "--data-dir", dataDir.toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static String run(int expectedExit, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new PrintWriter(err));
        assertEquals(expectedExit, cli.execute(args), err.toString());
        return err.toString();
    }

    @Test
    void anSmtpPortWithoutABounceDomainIsRefused(@TempDir Path dir) {
        String err = run(ServeCommand.EXIT_RULES_REJECTED, serve(dir, "--smtp-port", "0"));
        assertTrue(err.contains("needs at least one --bounce-domain"), err);
    }

    @Test
    void aBounceDomainThatIsNoDomainIsRefused(@TempDir Path dir) {
        String err = run(ServeCommand.EXIT_RULES_REJECTED,
                serve(dir, "--smtp-port", "0", "--bounce-domain", "bounces@bounce.example.com"));
        assertTrue(err.contains("not a domain name: 'bounces@bounce.example.com'"), err);
    }

    @Test
    void aVerpFormatWithoutTheDomainIsRefused(@TempDir Path dir) {
        String err = run(ServeCommand.EXIT_RULES_REJECTED, serve(dir, "--smtp-port", "0", "--bounce-domain",
                "bounce.example.com", "--verp-format", "bounces+{local}@"));
        assertTrue(err.contains("must hold {local} and {domain} once each"), err);
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "not used");
        String err = run(ServeCommand.EXIT_RULES_REJECTED, serve(dir, "--smtp-port", "0", "--bounce-domain",
                "bounce.example.com", "--smtp-tls-cert", cert.toString()));
        assertTrue(err.contains("--smtp-tls-cert and --smtp-tls-key go together"), err);
    }

    @Test
    void aCertificateFileThatHoldsNoCertificateIsRefused(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "hello");
        Path key = Files.writeString(dir.resolve("key.pem"), "hello");
        String err = run(ServeCommand.EXIT_RULES_REJECTED, serve(dir, "--smtp-port", "0", "--bounce-domain",
                "bounce.example.com", "--smtp-tls-cert", cert.toString(), "--smtp-tls-key", key.toString()));
        assertTrue(err.contains("cannot read the TLS certificate " + cert), err);
    }

    @Test
    void anSmtpPortInUseIsReported(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String err = run(ServeCommand.EXIT_CANNOT_LISTEN, serve(dir, "--smtp-port",
                    String.valueOf(taken.getLocalPort()), "--bounce-domain", "bounce.example.com"));
            assertTrue(err.contains("the SMTP receiver cannot listen on 127.0.0.1:" + taken.getLocalPort()), err);
        }
    }

    @Test
    void aMailboxWithoutItsPasswordIsRefused(@TempDir Path dir) {
        String err = run(ServeCommand.EXIT_RULES_REJECTED, serve(dir, "--imap-url", "imaps://bounces@127.0.0.1/INBOX"));
        assertTrue(err.contains("set BOUNCE_IMAP_PASSWORD"), err);
    }

    @Test
    void aMailboxUrlOfAnotherProtocolIsRefused(@TempDir Path dir) {
        String err = run(ServeCommand.EXIT_RULES_REJECTED, serve(dir, "--imap-url", "pop3://bounces@127.0.0.1/"));
        assertTrue(err.contains("--imap-url must start with imaps://"), err);
    }
}
