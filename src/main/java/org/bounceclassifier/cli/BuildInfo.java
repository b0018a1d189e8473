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
}
