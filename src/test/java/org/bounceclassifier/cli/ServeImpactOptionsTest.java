package org.bounceclassifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bounceclassifier.TestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * serve's traffic sample and impact limit options are checked before the rules compile: the rules
 * here do not compile, so an answer about the option proves it came first.
 */
class ServeImpactOptionsTest {

    private static String refused(Path tmp, String... options) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        Files.writeString(rules.resolve("text/zz-broken.drl"), "package bounce;\nrule \"broken\" when then\n");
        String[] base = {"serve", "--port", "0", "--rules", rules.toString(), "--data-dir", tmp.resolve("data")
                .toString()};
        String[] all = java.util.Arrays.copyOf(base, base.length + options.length);
        System.arraycopy(options, 0, all, base.length, options.length);
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new PrintWriter(err));
        assertEquals(ServeCommand.EXIT_INPUT_FAILED, cli.execute(all), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), "one line: " + err);
        return err.toString();
    }

    @Test
    void aSampleOfNoEntryIsRefused(@TempDir Path tmp) throws IOException {
        String err = refused(tmp, "--traffic-sample-size", "0");
        assertTrue(err.startsWith("error: --traffic-sample-size must be at least 1, not 0"), err);
    }

    @Test
    void aSampleKeptNoDayIsRefused(@TempDir Path tmp) throws IOException {
        String err = refused(tmp, "--traffic-sample-days", "0");
        assertTrue(err.startsWith("error: --traffic-sample-days must be at least 1, not 0"), err);
    }

    @Test
    void anImpactLimitThatIsNoPercentageIsRefused(@TempDir Path tmp) throws IOException {
        String err = refused(tmp, "--max-impact", "120");
        assertTrue(err.startsWith("error: --max-impact must be a percentage from 0 to 100, not 120.0"), err);
    }
}
