package org.bounceclassifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/bounce-classifier.service is a unit systemd accepts, and its hardening keeps systemd's own
 * exposure score low (systemd-analyze security, offline: no running systemd needed).
 */
class ServiceUnitTest {
    private static final String UNIT = "docs/bounce-classifier.service";

    @Test
    void systemdAcceptsTheUnit() throws Exception {
        Result r = run("systemd-analyze", "verify", UNIT);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().isBlank(), "no warning: " + r.output());
    }

    @Test
    void theUnitIsHardened() throws Exception {
        Result r = run("systemd-analyze", "security", "--offline=true", UNIT);
        Matcher m = Pattern.compile("Overall exposure level for bounce-classifier.service: (\\d+\\.\\d)")
                .matcher(r.output());
        assertTrue(m.find(), r.output());
        assertTrue(Double.parseDouble(m.group(1)) <= 4.0, "exposure " + m.group(1) + ":\n" + r.output());
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... command) throws Exception {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }
}
