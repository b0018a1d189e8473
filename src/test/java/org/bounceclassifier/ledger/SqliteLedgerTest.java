package org.bounceclassifier.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.bounceclassifier.TestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger contract on the embedded store, plus what only a file on disk has to prove. */
class SqliteLedgerTest extends LedgerContractTest {
    @TempDir
    Path dataDir;

    @Override
    LedgerStore openEmptyStore() {
        return LedgerStores.open(LedgerConfig.embedded(dataDir, LedgerConfig.DEFAULT_RETENTION_DAYS));
    }

    @Test
    void theLedgerIsInTheDataDirectoryAndOutlivesTheProcessThatWroteIt() {
        bounce("keep@example.jp", userUnknown("keep@example.jp"), "kept-1");
        ledger.close();
        assertTrue(Files.isRegularFile(dataDir.resolve(LedgerConfig.EMBEDDED_FILE)));
        // opening again runs the migrations again: they must find nothing to do
        ledger = new Ledger(openEmptyStore(), Clock.systemUTC(), LedgerConfig.DEFAULT_RETENTION_DAYS);
        assertEquals(List.of("keep@example.jp"), ledger.check(List.of(address("keep@example.jp"))).keySet().stream()
                .toList());
        assertTrue(ledger.recordBounce(TestRules.bundled(), userUnknown("keep@example.jp"), address("keep@example.jp"),
                "kept-1", LANG).recorded().duplicate());
    }
}
