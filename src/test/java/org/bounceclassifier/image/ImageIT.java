package org.bounceclassifier.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OCI image the build writes (target/bounce-classifier-image.tar, see {@link ImageBuild}):
 * its configuration (a non-root numeric user, the entry point that runs serve, port 8080, the
 * volumes), its layers (a Java runtime with the libraries it loads, the jar, the rules), and that
 * it runs: the layers are unpacked into a directory and the image's own entry point is started in
 * it with chroot, as its user, with the root read-only and only /tmp and /data writable, as a
 * container runtime would start it. No Docker daemon is needed (none is on the build machines).
 */
class ImageIT {
    private static final Path TAR = Path.of("target", "bounce-classifier-image.tar");
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    static Path tmp;
    static Path layout;
    static Path rootfs;
    static JsonObject manifest;
    static JsonObject config;

    @BeforeAll
    static void unpack() throws Exception {
        assertTrue(Files.isRegularFile(TAR), TAR + " is missing: the build writes it before the integration tests");
        layout = Files.createDirectories(tmp.resolve("layout"));
        run(List.of("tar", "-xf", TAR.toAbsolutePath().toString(), "-C", layout.toString()));
        JsonObject index = json(layout.resolve("index.json"));
        manifest = json(blob(index.getJsonArray("manifests").getJsonObject(0).getString("digest")));
        config = json(blob(manifest.getJsonObject("config").getString("digest")));
        rootfs = Files.createDirectories(tmp.resolve("rootfs"));
        for (Object layer : manifest.getJsonArray("layers")) {
            run(List.of("tar", "--warning=no-unknown-keyword", "-xzf",
                    blob(((JsonObject) layer).getString("digest")).toString(), "-C", rootfs.toString()));
        }
    }

    @Test
    void theConfigurationRunsServeAsANonRootUserOnPort8080WithVolumesForDataAndRules() {
        JsonObject c = config.getJsonObject("config");
        assertEquals("linux", config.getString("os"));
        assertEquals("amd64", config.getString("architecture"));
        String user = c.getString("User");
        assertTrue(user.matches("\\d+:\\d+"), "a numeric user, so that runAsNonRoot can check it: " + user);
        assertNotEquals("0", user.split(":")[0], "not root");
        assertEquals(List.of(ImageBuild.JAVA, "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar",
                ImageBuild.JAR), c.getJsonArray("Entrypoint").getList());
        assertEquals(List.of("serve"), c.getJsonArray("Cmd").getList());
        assertEquals(Map.of("8080/tcp", Map.of()), c.getJsonObject("ExposedPorts").getMap());
        assertEquals(List.of("/data", "/rules", "/rules-tests", "/tmp"),
                c.getJsonObject("Volumes").fieldNames().stream().sorted().toList());
        assertTrue(c.getJsonArray("Env").contains("BOUNCE_HOST=0.0.0.0"), "listens beyond the container's loopback");
        assertTrue(c.getJsonArray("Env").contains("BOUNCE_DATA_DIR=/data"));
        assertEquals(manifest.getJsonArray("layers").size(),
                config.getJsonObject("rootfs").getJsonArray("diff_ids").size());
    }

    @Test
    void dockerLoadFindsTheSameLayersAsTheOciIndex() throws IOException {
        JsonObject docker = new JsonArray(Files.readString(layout.resolve("manifest.json"))).getJsonObject(0);
        assertEquals(List.of("bounce-classifier:" + projectVersion()), docker.getJsonArray("RepoTags").getList());
        List<String> layers = new ArrayList<>();
        manifest.getJsonArray("layers").forEach(l -> layers.add(
                "blobs/" + ((JsonObject) l).getString("digest").replace(':', '/')));
        assertEquals(layers, docker.getJsonArray("Layers").getList());
        assertTrue(Files.isRegularFile(layout.resolve(docker.getString("Config"))));
    }

    @Test
    void theLayersHoldTheRuntimeItsLibrariesTheJarTheRulesAndTheUser() throws IOException {
        Path java = rootfs.resolve(ImageBuild.JAVA.substring(1));
        assertTrue(Files.getPosixFilePermissions(java).contains(PosixFilePermission.OTHERS_EXECUTE), "java is executable");
        assertTrue(Files.isRegularFile(rootfs.resolve("opt/java/lib/server/libjvm.so")));
        assertTrue(Files.isRegularFile(rootfs.resolve("lib64/ld-linux-x86-64.so.2")), "the dynamic loader");
        assertTrue(Files.isRegularFile(rootfs.resolve(ImageBuild.JAR.substring(1))));
        assertTrue(Files.isRegularFile(rootfs.resolve("rules/decision.drl")));
        assertTrue(Files.isDirectory(rootfs.resolve("rules-tests")));
        assertTrue(Files.readString(rootfs.resolve("etc/passwd")).contains(":" + ImageBuild.UID + ":" + ImageBuild.UID + ":"));
        assertFalse(Files.exists(rootfs.resolve("bin/sh")), "no shell: the base is scratch");
        String modules = Files.readString(rootfs.resolve("opt/java/release"));
        assertTrue(modules.contains("jdk.charsets"), "Japanese charsets: " + modules);
        assertFalse(modules.contains("jdk.jshell"), "a trimmed runtime: " + modules);
    }

    @Test
    void theImagesOwnJavaPrintsTheVersion() throws Exception {
        Process p = startInImage(Files.createDirectories(tmp.resolve("data-version")), List.of("--version"),
                tmp.resolve("version.log"));
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String out = Files.readString(tmp.resolve("version.log")).strip();
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.matches("bounce-classifier " + Pattern.quote(projectVersion()) + " \\(commit [0-9a-f]{7,40}\\)"), out);
    }

    @Test
    void serveStartsFromTheImageAndAnswersHealthReadyAndClassifications() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path log = tmp.resolve("serve.log");
        Process service = startInImage(data, List.of(), log);
        try {
            int port = waitForPort(service, log);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            assertEquals(200, get(client, port, "/health").statusCode());
            HttpResponse<String> ready = get(client, port, "/ready");
            assertEquals(200, ready.statusCode(), ready.body());
            HttpResponse<String> bounce = client.send(HttpRequest.newBuilder(uri(port, "/v1/bounces"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"recipient\": \"taro@example.jp\", \"diagnostic\": \"550 5.1.1 <taro@example.jp>: User unknown\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, bounce.statusCode(), bounce.body());
            assertEquals("suppressed", new JsonObject(bounce.body()).getString("effect"), "written to the ledger in /data");
            HttpResponse<String> mail = client.send(HttpRequest.newBuilder(uri(port, "/v1/classify"))
                    .header("Content-Type", "message/rfc822").POST(HttpRequest.BodyPublishers.ofFile(
                            Path.of("src/test/resources/bounces/au/sjis-labelled-iso2022jp.eml"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, mail.statusCode(), mail.body());
            JsonObject result = new JsonObject(mail.body()).getJsonArray("results").getJsonObject(0);
            assertTrue(result.getJsonObject("evidence").getString("diagnostic").contains("指定受信"),
                    "a Shift_JIS notice is read with the runtime's jdk.charsets: " + mail.body());
            assertEquals("recipient_filter", result.getString("category"), mail.body());
            assertTrue(get(client, port, "/metrics").body().contains("process_cpu_seconds_total"));
            assertTrue(Files.isRegularFile(data.resolve("ledger.db")));
        } finally {
            service.destroy();
            assertTrue(service.waitFor(60, TimeUnit.SECONDS), "SIGTERM stops it");
        }
        String last = Files.readString(log).strip().lines().reduce((a, b) -> b).orElse("");
        assertEquals("stopped", new JsonObject(last).getString("message"), "JSON logs, the image's default");
    }

    /**
     * The image's entry point and command (plus {@code args} in place of the command when given)
     * in a private mount namespace: the unpacked root bound read-only, /proc, /dev, a tmpfs on
     * /tmp and {@code data} on /data, then chroot as the image's user with only the image's
     * environment (and loopback and a free port, so the test opens nothing to the network).
     */
    private static Process startInImage(Path data, List<String> args, Path log) throws IOException, InterruptedException {
        assertEquals("root", System.getProperty("user.name"),
                "running the image needs root (unshare, mount, chroot): run the tests as root, as the README says");
        JsonObject c = config.getJsonObject("config");
        String user = c.getString("User");
        List<String> command = new ArrayList<>(c.getJsonArray("Entrypoint").getList());
        command.addAll(args.isEmpty() ? c.getJsonArray("Cmd").getList() : args);
        run(List.of("chown", user, data.toString()));
        String script = String.join("\n", "set -e", "R=$1; D=$2; shift 2",
                "mount --bind \"$R\" \"$R\"", "mount -o remount,bind,ro \"$R\"",
                "mount -t proc proc \"$R/proc\"", "mount --rbind /dev \"$R/dev\"",
                "mount -t tmpfs -o mode=1777 tmpfs \"$R/tmp\"", "mount --bind \"$D\" \"$R/data\"",
                "cd /", "exec \"$@\"");
        Files.createDirectories(rootfs.resolve("proc"));
        Files.createDirectories(rootfs.resolve("dev"));
        List<String> full = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                script, "image", rootfs.toString(), data.toString(), "env", "-i"));
        for (Object variable : c.getJsonArray("Env")) {
            full.add(variable.toString().replace("BOUNCE_HOST=0.0.0.0", "BOUNCE_HOST=127.0.0.1"));
        }
        full.addAll(List.of("BOUNCE_PORT=0", "/usr/sbin/chroot", "--userspec=" + user, rootfs.toString()));
        full.addAll(command);
        return new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int waitForPort(Process service, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            assertTrue(service.isAlive(), () -> "serve in the image exited: " + read(log));
            Thread.sleep(200);
        }
        throw new AssertionError("serve in the image did not listen: " + read(log));
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(port, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Path blob(String digest) {
        return layout.resolve("blobs").resolve(digest.replace(':', '/'));
    }

    private static JsonObject json(Path file) throws IOException {
        return new JsonObject(Files.readString(file));
    }

    private static String projectVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>bounce-classifier</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find());
        return m.group(1);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
    }
}
