package org.bounceclassifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bounceclassifier.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * The built jar names its own version, the project's, not "development build", and the git commit
 * it was built from; {@code help} works as a command as well as an option.
 */
class JarVersionIT {
    @Test
    void versionPrintsTheProjectVersion() throws Exception {
        Matcher m = Pattern.compile("<artifactId>bounce-classifier</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        m.find();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                ServiceProcess.JAR.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        Matcher printed = Pattern.compile("bounce-classifier (\\S+) \\(commit ([0-9a-f]{7,40})\\)").matcher(out);
        assertTrue(printed.matches(), out);
        assertEquals(m.group(1), printed.group(1));
        assertTrue(head().startsWith(printed.group(2)), "commit " + printed.group(2) + " is not HEAD " + head());
    }

    @Test
    void helpIsACommandThatListsTheCommands() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                ServiceProcess.JAR.toString(), "help", "serve").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("Usage: bounce-classifier serve"), out);
        assertTrue(out.contains("--rules"), out);
    }

    /** The commit this checkout is at (the build reads the same with git). */
    private static String head() throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        git.waitFor(30, TimeUnit.SECONDS);
        assertEquals(0, git.exitValue(), out);
        return out;
    }
}
