package org.bounceclassifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bounceclassifier.ServiceProcess;
import org.junit.jupiter.api.Test;

/** The built jar names its own version, the project's, not "development build". */
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
        assertEquals("bounce-classifier " + m.group(1), out);
    }
}
