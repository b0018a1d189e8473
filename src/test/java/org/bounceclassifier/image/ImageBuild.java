package org.bounceclassifier.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * A build step, not a test: writes the service's OCI image as a tar file without a Docker daemon
 * or a registry (neither is reachable where this project builds). The base is {@code scratch}; on
 * it go a Java runtime made by jlink from the JDK that builds, the shared libraries that runtime
 * needs (found with ldd), an {@code /etc/passwd} with one non-root user, the bundled rules and
 * the jar. Maven runs it (exec-maven-plugin, see pom.xml) after the jar is packaged; {@code
 * ImageIT} then checks the tar and runs the image's own java from its layers.
 *
 * <p>Arguments: the jar, the rules directory, the rule cases directory, the output tar, a work
 * directory, the image reference, the git commit (may be empty).
 */
public final class ImageBuild {
    /** The user the service runs as: numeric, so Kubernetes' runAsNonRoot can verify it. */
    public static final int UID = 65532;
    public static final String JAVA = "/opt/java/bin/java";
    public static final String JAR = "/app/bounce-classifier.jar";

    /**
     * What the service uses of the JDK. jdeps cannot tell from a shaded jar (reflection, service
     * loaders, multi-release classes), so the list is kept here and proven by ImageIT, which
     * starts serve from the image and classifies. jdk.charsets: Shift_JIS, EUC-JP, ISO-2022-JP;
     * jdk.crypto.ec: TLS and webhook signatures; jdk.management: process CPU metrics;
     * java.security.sasl, jgss: Kafka and IMAP authentication; java.desktop: java.beans for MVEL.
     */
    static final List<String> MODULES = List.of("java.base", "java.compiler", "java.desktop", "java.logging",
            "java.management", "java.naming", "java.net.http", "java.scripting", "java.security.jgss",
            "java.security.sasl", "java.sql", "java.transaction.xa", "java.xml", "jdk.charsets", "jdk.crypto.ec",
            "jdk.management", "jdk.unsupported", "jdk.zipfs");

    /**
     * java.desktop's native libraries: the service needs the module only for java.beans (Drools
     * and MVEL introspect facts with it), never AWT, fonts, images or sound, and these libraries
     * would bring X11, FreeType, HarfBuzz, GLib and libjpeg into the image.
     */
    static final List<String> EXCLUDED_LIBRARIES = List.of("libawt.so", "libawt_headless.so", "libawt_xawt.so",
            "libfontmanager.so", "libjavajpeg.so", "libjawt.so", "libjsound.so", "liblcms.so", "libmlib_image.so",
            "libsplashscreen.so");

    private static final Instant EPOCH_PLUS_ONE = Instant.ofEpochSecond(1);

    private ImageBuild() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            throw new IllegalArgumentException("usage: ImageBuild JAR RULES RULES_TESTS OUT.tar WORKDIR IMAGE COMMIT");
        }
        long start = System.nanoTime();
        Path jar = Path.of(args[0]);
        Path rules = Path.of(args[1]);
        Path rulesTests = Path.of(args[2]);
        Path out = Path.of(args[3]);
        Path work = Path.of(args[4]);
        String image = args[5];
        String commit = args[6].startsWith("${") ? "" : args[6];

        deleteRecursively(work);
        Files.createDirectories(work);
        Path runtime = work.resolve("runtime");
        jlink(runtime);
        Map<String, Path> libraries = sharedLibraries(List.of(runtime, nativeLibrariesOf(jar, work.resolve("jar-natives"))));
        Path etc = systemFiles(work.resolve("etc"));
        Path empty = Files.createDirectories(work.resolve("empty"));

        JibContainerBuilder builder = Jib.fromScratch()
                .setFormat(ImageFormat.OCI)
                .addFileEntriesLayer(runtimeLayer(runtime, libraries))
                .addFileEntriesLayer(systemLayer(etc, empty))
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("rules")
                        .addEntryRecursive(rules, AbsoluteUnixPath.get("/rules"))
                        .addEntryRecursive(rulesTests, AbsoluteUnixPath.get("/rules-tests")).build())
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("app")
                        .addEntry(jar, AbsoluteUnixPath.get(JAR)).build())
                // java, then the jar: "docker run IMAGE --version" or "... classify" replaces only serve
                .setEntrypoint(JAVA, "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", JAR)
                .setProgramArguments("serve")
                .setEnvironment(environment())
                .setUser(UID + ":" + UID)
                .setWorkingDirectory(AbsoluteUnixPath.get("/data"))
                .addExposedPort(Port.tcp(8080))
                // every write goes here: the ledger to /data, sqlite-jdbc's native library and
                // Vert.x's file cache to /tmp; the rest of the root can be mounted read-only
                .setVolumes(AbsoluteUnixPath.get("/data"), AbsoluteUnixPath.get("/tmp"), AbsoluteUnixPath.get("/rules"),
                        AbsoluteUnixPath.get("/rules-tests"))
                .addLabel("org.opencontainers.image.title", "bounce-classifier")
                .addLabel("org.opencontainers.image.version", image.substring(image.lastIndexOf(':') + 1))
                .addLabel("org.opencontainers.image.revision", commit)
                .addLabel("org.opencontainers.image.base.name", "scratch");
        Files.createDirectories(out.getParent());
        builder.containerize(Containerizer.to(TarImage.at(out).named(image))
                .setOfflineMode(true)
                .setToolName("bounce-classifier ImageBuild")
                .setBaseImageLayersCache(work.resolve("cache-base"))
                .setApplicationLayersCache(work.resolve("cache-app")));
        addDockerManifest(out, image);
        System.out.printf("image %s: %s (%d MB) in %.1f s%n", image, out, Files.size(out) / (1024 * 1024),
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Jib writes an OCI layout (index.json, blobs/), which podman and Docker 25 or later load.
     * Older Docker reads only its own manifest.json; adding one beside the layout (as docker save
     * itself does since 25) lets every version load the same file.
     */
    private static void addDockerManifest(Path tar, String image) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        Map<String, byte[]> small = new java.util.HashMap<>();
        Path copy = tar.resolveSibling(tar.getFileName() + ".tmp");
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(tar))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getSize() < 64 * 1024) {
                    small.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        var index = json.readTree(small.get("index.json"));
        String manifestDigest = index.get("manifests").get(0).get("digest").asText();
        var manifest = json.readTree(small.get(blob(manifestDigest)));
        var entry = json.createObjectNode();
        entry.put("Config", blob(manifest.get("config").get("digest").asText()));
        entry.putArray("RepoTags").add(image);
        var layers = entry.putArray("Layers");
        manifest.get("layers").forEach(layer -> layers.add(blob(layer.get("digest").asText())));
        byte[] dockerManifest = json.writeValueAsBytes(json.createArrayNode().add(entry));
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(Files.newInputStream(tar));
                var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(Files.newOutputStream(copy))) {
            out.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.putArchiveEntry(e);
                in.transferTo(out);
                out.closeArchiveEntry();
            }
            var m = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("manifest.json");
            m.setSize(dockerManifest.length);
            m.setModTime(0);
            out.putArchiveEntry(m);
            out.write(dockerManifest);
            out.closeArchiveEntry();
        }
        Files.move(copy, tar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static String blob(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }

    static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", "/opt/java");
        // in a container the service must listen beyond loopback; the port stays the service's default
        env.put("BOUNCE_HOST", "0.0.0.0");
        env.put("BOUNCE_RULES", "/rules");
        env.put("BOUNCE_RULES_TESTS", "/rules-tests");
        env.put("BOUNCE_DATA_DIR", "/data");
        env.put("BOUNCE_LOG_FORMAT", "json");
        return env;
    }

    /** A trimmed runtime: only the modules above, no debug symbols, headers or man pages. */
    private static void jlink(Path runtime) {
        ToolProvider jlink = ToolProvider.findFirst("jlink")
                .orElseThrow(() -> new IllegalStateException("jlink not found: build with a JDK, not a JRE"));
        Path jmods = Path.of(System.getProperty("java.home"), "jmods");
        StringWriter output = new StringWriter();
        int exit = jlink.run(new PrintWriter(output), new PrintWriter(output), "--module-path", jmods.toString(),
                "--add-modules", String.join(",", MODULES), "--strip-debug", "--no-header-files", "--no-man-pages",
                "--compress=2", "--exclude-files=" + String.join(",",
                        EXCLUDED_LIBRARIES.stream().map(name -> "**/" + name).toList()),
                "--output", runtime.toString());
        if (exit != 0) {
            throw new IllegalStateException("jlink failed (" + exit + "): " + output
                    + (Files.isDirectory(jmods) ? "" : "\nno " + jmods + ": install the JDK's jmods"));
        }
    }

    /**
     * The native libraries that libraries in the jar unpack at run time (sqlite-jdbc's, and Kafka's
     * compression codecs) need system libraries too (libpthread, libstdc++): they are copied out
     * here only so that ldd can read them; the jar keeps its own copies.
     */
    private static Path nativeLibrariesOf(Path jar, Path into) throws IOException {
        Files.createDirectories(into);
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
            int n = 0;
            for (var entry : java.util.Collections.list(zip.entries())) {
                String name = entry.getName().toLowerCase(java.util.Locale.ROOT);
                boolean linuxX64 = name.contains("linux") && !name.contains("musl")
                        && (name.contains("x86_64") || name.contains("x86-64") || name.contains("amd64"));
                if (!entry.isDirectory() && linuxX64 && name.matches(".*\\.so(\\.[0-9.]+)?$")) {
                    try (var in = zip.getInputStream(entry)) {
                        Files.copy(in, into.resolve((n++) + "-" + Path.of(entry.getName()).getFileName()));
                    }
                }
            }
        }
        return into;
    }

    /**
     * Every shared library outside the runtime that its executables and libraries (and those the
     * jar carries) load, by the path the dynamic loader looks for it at (ldd's answer), including
     * the loader itself.
     */
    static Map<String, Path> sharedLibraries(List<Path> roots) throws IOException, InterruptedException {
        Map<String, Path> found = new LinkedHashMap<>();
        Pattern resolved = Pattern.compile("=>\\s+(/\\S+)\\s+\\(");
        Pattern loader = Pattern.compile("^\\s*(/\\S+)\\s+\\(");
        List<Path> elf = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).filter(ImageBuild::isElf).sorted().forEach(elf::add);
            }
        }
        for (Path file : elf) {
            Process ldd = new ProcessBuilder("ldd", file.toString()).redirectErrorStream(true).start();
            String text = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ldd.waitFor(60, TimeUnit.SECONDS);
            for (String line : text.lines().toList()) {
                Matcher m = resolved.matcher(line);
                Matcher l = loader.matcher(line);
                String path = m.find() ? m.group(1) : l.find() ? l.group(1) : null;
                boolean own = roots.stream().anyMatch(root -> Path.of(path == null ? "/" : path).toAbsolutePath()
                        .startsWith(root.toAbsolutePath()));
                if (path != null && !own) {
                    found.putIfAbsent(path, Path.of(path).toRealPath());
                }
            }
        }
        if (found.keySet().stream().noneMatch(p -> p.contains("libc.so"))) {
            throw new IllegalStateException("ldd found no libc for the runtime: " + found);
        }
        return found;
    }

    private static boolean isElf(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            return false;
        }
    }

    private static FileEntriesLayer runtimeLayer(Path runtime, Map<String, Path> libraries) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("java runtime");
        // the files' own modes: bin/java and the jspawnhelper must stay executable
        layer.addEntryRecursive(runtime, AbsoluteUnixPath.get("/opt/java"),
                (source, target) -> FilePermissions.fromPosixFilePermissions(posix(source)), (s, t) -> EPOCH_PLUS_ONE);
        for (Map.Entry<String, Path> library : new java.util.TreeMap<>(libraries).entrySet()) {
            layer.addEntry(library.getValue(), AbsoluteUnixPath.get(library.getKey()), FilePermissions.fromOctalString("755"));
        }
        return layer.build();
    }

    private static Set<PosixFilePermission> posix(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** /etc/passwd and /etc/group with root and the service's user; nsswitch for name lookups. */
    private static Path systemFiles(Path etc) throws IOException {
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("passwd"),
                "root:x:0:0:root:/root:/sbin/nologin\n"
                        + "bounce:x:" + UID + ":" + UID + ":bounce-classifier:/data:/sbin/nologin\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nbounce:x:" + UID + ":\n");
        Files.writeString(etc.resolve("nsswitch.conf"), "hosts: files dns\n");
        return etc;
    }

    private static FileEntriesLayer systemLayer(Path etc, Path empty) throws IOException {
        String owner = UID + ":" + UID;
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("system");
        for (String name : new TreeSet<>(List.of("passwd", "group", "nsswitch.conf"))) {
            layer.addEntry(etc.resolve(name), AbsoluteUnixPath.get("/etc/" + name), FilePermissions.fromOctalString("644"));
        }
        // the volumes' mount points, writable by the service's user; /tmp by any user (an
        // orchestrator may pick another UID), without the sticky bit, which Jib cannot set
        layer.addEntry(new FileEntry(empty, AbsoluteUnixPath.get("/data"), FilePermissions.fromOctalString("750"),
                EPOCH_PLUS_ONE, owner));
        layer.addEntry(new FileEntry(empty, AbsoluteUnixPath.get("/tmp"), FilePermissions.fromOctalString("777"),
                EPOCH_PLUS_ONE, "0:0"));
        return layer.build();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
