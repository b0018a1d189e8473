package org.bounceclassifier.ledger;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;

/**
 * A throwaway PostgreSQL cluster for tests: initdb into a new directory under /tmp, started on a
 * free loopback port (no Unix socket outside that directory), stopped and deleted when the JVM
 * exits. Uses the server Debian installs ({@code apt-get install postgresql}; .ci/run does).
 *
 * <p>PostgreSQL refuses to run as root: as root, the binaries run as the {@code postgres} user
 * through {@code runuser}, in a directory that user owns.
 *
 * <p>When no server is installed the tests that need one fail in CI ({@code CI} set) and are
 * skipped elsewhere, with a message that says what to install.
 */
public final class PostgresServer {
    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
    private static final String SERVICE_USER = "postgres";
    /** initdb plus a first start take a few seconds; a loaded CI machine may take many more. */
    private static final long START_TIMEOUT_SECONDS = 120;
    private static PostgresServer shared;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asServiceUser;

    private PostgresServer(Path bin, Path dir, int port, boolean asServiceUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asServiceUser = asServiceUser;
    }

    /** The cluster of this test JVM, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start();
            PostgresServer s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "stop-test-postgres"));
        }
        return shared;
    }

    public int port() {
        return port;
    }

    /** A new, empty database for one test class: {@code jdbc:postgresql://127.0.0.1:<port>/ledger_<n>}. */
    public String newDatabase() {
        String name = "ledger_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-U", SERVICE_USER, name));
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    public static String user() {
        return SERVICE_USER;
    }

    private static PostgresServer start() {
        Path bin = findBinaries();
        if (bin == null) {
            // a missing server fails the test, never skips it: the README's test command installs it
            Assertions.fail("PostgreSQL is not installed (no " + DEBIAN_BINARIES + "/<version>/bin/initdb): "
                    + "run .ci/install-deps (the README's test command does), or apt-get install postgresql");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory(Path.of("/tmp"), "ledger-test-pg-");
            if (root) {
                UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(SERVICE_USER);
                Files.setOwner(dir, owner);
            }
            int port = freePort();
            PostgresServer server = new PostgresServer(bin, dir, port, root);
            Path data = dir.resolve("data");
            server.run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SERVICE_USER,
                    "--auth=trust", "-E", "UTF8", "--no-sync"));
            server.startServer();
            return server;
        } catch (IOException e) {
            throw new AssertionError("cannot prepare a PostgreSQL directory under /tmp: " + e, e);
        }
    }

    /**
     * A cluster of the caller's own, which it may stop and start (an outage under load) without
     * disturbing the tests that share {@link #shared()}; {@link #destroy()} removes it.
     */
    public static PostgresServer startPrivate() {
        return start();
    }

    /** Starts the server of this cluster (again), on its port; returns when it accepts connections. */
    public void startServer() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", String.valueOf(START_TIMEOUT_SECONDS),
                "-o", "-p " + port + " -h 127.0.0.1 -k " + dir, "start"));
    }

    /** Stops the server as a crash would (immediate: no checkpoint, connections cut); the data stays. */
    public void stopServer() {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                "-w", "stop"));
    }

    /** Stops the server and deletes the cluster. */
    public void destroy() {
        stop();
    }

    private void stop() {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                    "-w", "stop"));
        } catch (AssertionError e) {
            System.err.println("stopping the test PostgreSQL failed: " + e.getMessage());
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + dir + ": " + e);
        }
    }

    /** Runs a PostgreSQL binary (as the service user when we are root) and fails with its output. */
    private void run(List<String> command) {
        List<String> full = new ArrayList<>();
        if (asServiceUser) {
            full.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        full.addAll(command);
        try {
            Path out = Files.createTempFile("pg-command-", ".log");
            Process p = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", full));
            }
            String output = Files.readString(out);
            Files.delete(out);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", full) + " failed (exit " + p.exitValue() + "):\n" + output
                        + serverLog());
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", full) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + String.join(" ", full), e);
        }
    }

    private String serverLog() {
        Path log = dir.resolve("server.log");
        try {
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static Path findBinaries() {
        if (!Files.isDirectory(DEBIAN_BINARIES)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(PostgresServer::majorVersion))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
