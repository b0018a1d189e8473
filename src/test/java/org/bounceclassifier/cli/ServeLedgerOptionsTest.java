package org.bounceclassifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.bounceclassifier.TestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** serve refuses to start, with exit 4 and a reason, when the ledger cannot open. */
class ServeLedgerOptionsTest {

    private static String[] serve(Path dataDir, String... more) {
        String[] base = {"serve", "--port", "0", "--no-rules-gate", "--rules", TestRules.RULES.toString(),
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
    void aDatabaseUrlThatIsNotPostgresqlIsRefused(@TempDir Path dir) {
        String err = run(ServeCommand.EXIT_LEDGER_UNAVAILABLE, serve(dir, "--db-url", "jdbc:mysql://127.0.0.1/x"));
        assertTrue(err.contains("must start with jdbc:postgresql:"), err);
    }

    @Test
    void aPostgresqlThatDoesNotAnswerIsReported(@TempDir Path dir) throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String err = run(ServeCommand.EXIT_LEDGER_UNAVAILABLE,
                serve(dir, "--db-url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/ledger"));
        assertTrue(err.contains("cannot connect to the ledger database jdbc:postgresql://127.0.0.1:" + closedPort),
                err);
    }

    @Test
    void aRetentionOfLessThanADayIsRefused(@TempDir Path dir) {
        String err = run(ServeCommand.EXIT_LEDGER_UNAVAILABLE, serve(dir, "--retention-days", "0"));
        assertTrue(err.contains("retention must be at least 1 day"), err);
    }

    @Test
    void aTrafficRetentionOfLessThanADayIsRefused(@TempDir Path dir) {
        String err = run(ServeCommand.EXIT_INPUT_FAILED, serve(dir, "--traffic-retention-days", "0"));
        assertTrue(err.contains("--traffic-retention-days must be at least 1, not 0"), err);
    }

    @Test
    void aReceiverFamiliesFileThatSaysSomethingWrongIsRefusedBeforeTheRulesCompile(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("families.properties");
        java.nio.file.Files.writeString(file, "families = acme\nacme.name = Acme\n");
        String err = run(ServeCommand.EXIT_INPUT_FAILED, serve(dir, "--receiver-families", file.toString()));
        assertTrue(err.contains("--receiver-families: " + file + ": family 'acme' needs acme.name and acme.suffixes"),
                err);
        String missing = run(ServeCommand.EXIT_INPUT_FAILED,
                serve(dir, "--receiver-families", dir.resolve("none.properties").toString()));
        assertTrue(missing.contains("cannot read the receiver families"), missing);
    }
}
