package org.bounceclassifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web console's end-to-end tests (console-tests/, Node's test runner driving Debian's
 * Chromium through playwright-core) as part of {@code mvn verify}. Runs after {@code package},
 * because the tests start the packaged jar as a user would.
 *
 * <p>Chromium and Node.js are prerequisites like Java and Maven ({@code .ci/run} installs them): a
 * machine without them fails here with what to install, it never passes by skipping.
 */
class ConsoleBrowserIT {
    private static final Path TESTS = Path.of("console-tests");
    private static final Path JAR = Path.of("target", "bounce-classifier.jar");
    private static final Path LOG = Path.of("target", "console-tests.log");
    private static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium");
    /** playwright-core needs Node.js 20 or later. */
    private static final int MIN_NODE_MAJOR = 20;
    /** Installing one package from the npm registry. */
    private static final long NPM_CI_MINUTES = 5;
    /** The whole browser suite: service start, nine scenarios with reloads, service stop. */
    private static final long SUITE_MINUTES = 15;
    private static final String INSTALL_HINT =
            "install the browser test prerequisites: apt-get install chromium (and Node.js " + MIN_NODE_MAJOR
                    + "+ with npm if missing), as .ci/run does";

    @Test
    void theConsoleWorksInARealBrowser() throws Exception {
        assertTrue(Files.isExecutable(Path.of(CHROMIUM)), "no Chromium at " + CHROMIUM + ": " + INSTALL_HINT);
        assertTrue(Files.isRegularFile(JAR), JAR + " is missing: the browser tests run in the verify phase, after package");
        Files.deleteIfExists(LOG);
        int nodeMajor = nodeMajorVersion();
        assertTrue(nodeMajor >= MIN_NODE_MAJOR, "Node.js " + nodeMajor + " is too old: " + INSTALL_HINT);
        if (needsInstall()) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), NPM_CI_MINUTES, "npm ci in console-tests");
        }
        int exit = run(List.of("node", "--test", "--test-concurrency=1", "--test-reporter=spec"), SUITE_MINUTES,
                "the console's browser tests");
        assertEquals(0, exit, "the console's browser tests failed: see their output above, " + LOG
                + " and the screenshots in target/console-screenshots/");
    }

    /** node_modules is missing, or older than the lock file that says what it must hold. */
    private static boolean needsInstall() throws IOException {
        Path installed = TESTS.resolve("node_modules").resolve(".package-lock.json");
        return !Files.isRegularFile(installed) || Files.getLastModifiedTime(installed)
                .compareTo(Files.getLastModifiedTime(TESTS.resolve("package-lock.json"))) < 0;
    }

    private static int nodeMajorVersion() throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("Node.js is not installed (" + e.getMessage() + "): " + INSTALL_HINT);
            return 0;
        }
        String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(1, TimeUnit.MINUTES);
        return Integer.parseInt(version.replaceFirst("^v(\\d+).*$", "$1"));
    }

    /** Runs a command in console-tests/, copying its output to the build log and to {@link #LOG}. */
    private static int run(List<String> command, long timeoutMinutes, String what) throws Exception {
        Files.createDirectories(LOG.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(TESTS.toFile()).redirectErrorStream(true);
        builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        builder.environment().put("CHROMIUM_PATH", CHROMIUM);
        Process process = builder.start();
        Thread copier = new Thread(() -> copyOutput(process));
        copier.start();
        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail(what + " did not finish in " + timeoutMinutes + " minutes");
        }
        copier.join(TimeUnit.MINUTES.toMillis(1));
        return process.exitValue();
    }

    private static void copyOutput(Process process) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(LOG, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println(line);
                log.println(line);
            }
        } catch (IOException e) {
            System.out.println("(output copy stopped: " + e.getMessage() + ")");
        }
    }
}
