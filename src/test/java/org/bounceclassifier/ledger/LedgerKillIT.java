package org.bounceclassifier.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs scripts/ledger-kill-test.sh (SIGKILL in the middle of a recording load) on both stores. */
class LedgerKillIT {
    private static final long SCRIPT_TIMEOUT_SECONDS = 600;

    @Test
    void theEmbeddedStoreLosesNoAcknowledgedEvent(@TempDir Path tmp) throws Exception {
        runScript(tmp, List.of());
    }

    @Test
    void postgresqlLosesNoAcknowledgedEvent(@TempDir Path tmp) throws Exception {
        runScript(tmp, List.of("--db-url", PostgresServer.shared().newDatabase()));
    }

    private static void runScript(Path tmp, List<String> options) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/ledger-kill-test.sh"));
        command.addAll(options);
        Path out = tmp.resolve("kill-test.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("BOUNCE_DB_USER", PostgresServer.user());
        Process p = builder.start();
        if (!p.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the kill test did not finish:\n" + Files.readString(out));
        }
        String log = Files.readString(out);
        System.out.println(log);
        assertEquals(0, p.exitValue(), log);
        assertTrue(log.contains("PASS: all "), log);
    }
}
