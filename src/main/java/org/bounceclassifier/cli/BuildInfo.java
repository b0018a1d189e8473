package org.bounceclassifier.cli;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.jar.Manifest;

/**
 * What the build wrote into the jar's manifest beyond the version: the git commit it was built
 * from ({@code Git-Commit}, which the build reads with git rev-parse), so an operator can tell which
 * source a running jar or image came from.
 */
final class BuildInfo {
    private BuildInfo() {
    }

    /** The commit, or null when not run from the built jar or built outside a git checkout. */
    static String commit() {
        URL self = Main.class.getResource("Main.class");
        if (self == null || !"jar".equals(self.getProtocol())) {
            return null;
        }
        try {
            JarURLConnection connection = (JarURLConnection) self.openConnection();
            connection.setUseCaches(false);
            Manifest manifest = connection.getManifest();
            String commit = manifest == null ? null : manifest.getMainAttributes().getValue("Git-Commit");
            return commit == null || commit.isBlank() || commit.startsWith("${") ? null : commit;
        } catch (IOException | ClassCastException e) {
            return null;
        }
    }

    /**
     * What tells this build of the engine from any other: the jar's path, size and time and the
     * commit; null when not run from a jar (a build tree's classes change without a trace).
     */
    static String jarIdentity() {
        try {
            java.net.URL location = Main.class.getProtectionDomain().getCodeSource().getLocation();
            java.nio.file.Path jar = java.nio.file.Path.of(location.toURI());
            if (!java.nio.file.Files.isRegularFile(jar)) {
                return null;
            }
            return jar.toAbsolutePath() + " " + java.nio.file.Files.size(jar) + " "
                    + java.nio.file.Files.getLastModifiedTime(jar).toMillis() + " " + commit();
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
