package org.bounceclassifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service as users run it: {@code java -jar target/bounce-classifier.jar serve ...} in a
 * process of its own, on a free loopback port read from its "listening on" log line. For
 * integration tests, which run after the jar is built.
 */
public final class ServiceProcess implements AutoCloseable {
    public static final Path JAR = Path.of("target", "bounce-classifier.jar");
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");
    /** Loading and checking the rules takes seconds; a busy CI machine may take much longer. */
    private static final long START_TIMEOUT_MILLIS = 180_000;
    private static final long POLL_MILLIS = 200;
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final Process process;
    private final Path log;
    private final int port;

    private ServiceProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code serve --port 0} with the bundled rules and the given options, and waits until it listens. */
    public static ServiceProcess start(Path log, Map<String, String> env, String... options) throws IOException,
            InterruptedException {
        return start("serve", log, env, options);
    }

    /** Starts {@code command --port 0} (serve, stream) with the given options, and waits until it listens. */
    public static ServiceProcess start(String subcommand, Path log, Map<String, String> env, String... options)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new AssertionError(JAR + " is missing: integration tests run after mvn package");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString(), subcommand, "--port", "0"));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                return new ServiceProcess(process, log, Integer.parseInt(m.group(1)));
            }
            if (!process.isAlive()) {
                throw new AssertionError("the service exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(POLL_MILLIS);
        }
        process.destroyForcibly();
        throw new AssertionError("the service did not listen within " + START_TIMEOUT_MILLIS + " ms:\n"
                + Files.readString(log));
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** The process's peak resident memory so far in MB (VmHWM, Linux), for the load scripts. */
    public long peakRssMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IOException("no VmHWM in /proc/" + process.pid() + "/status");
    }

    /** SIGTERM, as an operator stops it; requests in flight finish first. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** SIGKILL: the process gets no chance to finish anything, as when a machine dies. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Sends SIGTERM and waits at most {@code seconds}; true when the process has exited by then. */
    public boolean stop(long seconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }
}
