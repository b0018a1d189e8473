package org.bounceclassifier.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bounceclassifier.engine.RuleFile;
import org.bounceclassifier.engine.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passed gate verdicts kept in the data directory, so a restart with the same rules, the same rule
 * cases and the same engine does not run 1,600 checks again (about 1.2 s of a cold start, issue 20).
 *
 * <p>A verdict is found by the SHA-256 of three things: every rule file's own hash, every file of
 * the cases directory (path and bytes), the engine limits, and the engine's identity (the jar's path, size, time and
 * commit; no identity, as when running from classes in a build tree, means no verdict is ever
 * trusted). A change to any of them is another key, so an old verdict is never used for it. Only
 * passed verdicts are kept: a failing gate always runs again and reports every failure. The file
 * holds the evidence rules that no case exercised, which a load attempt reports.
 */
public final class GateVerdicts {
    private static final Logger LOG = LoggerFactory.getLogger(GateVerdicts.class);
    /** Under the data directory. */
    public static final String DIR = "gate-verdicts";
    /** Verdicts kept: every passed reload writes one, so the oldest go (a start needs only the last). */
    static final int KEPT = 20;

    private final Path dir;
    private final String engineIdentity;

    /**
     * @param dir where verdicts are kept (created when the first is written)
     * @param engineIdentity what tells this engine build from any other, or null to keep none
     */
    public GateVerdicts(Path dir, String engineIdentity) {
        this.dir = dir;
        this.engineIdentity = engineIdentity;
    }

    /**
     * The key of a candidate rule set with the cases in {@code casesDir} under {@code settings} (the
     * engine limits, which change what the rules see), or empty when verdicts are off.
     */
    Optional<String> key(RuleSet candidate, Path casesDir, String settings) {
        if (engineIdentity == null) {
            return Optional.empty();
        }
        MessageDigest sha = sha256();
        update(sha, "engine " + engineIdentity);
        update(sha, "settings " + settings);
        for (RuleFile f : candidate.files()) {
            update(sha, "rule " + f.path() + " " + f.sha256());
        }
        try (Stream<Path> walk = Files.walk(casesDir)) {
            List<Path> files = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
            files.sort(null);
            for (Path p : files) {
                update(sha, "case " + casesDir.relativize(p).toString().replace('\\', '/'));
                sha.update(Files.readAllBytes(p));
            }
        } catch (IOException | UncheckedIOException e) {
            // cases that cannot be read are for the gate to report: no verdict stands in for it
            return Optional.empty();
        }
        return Optional.of(HexFormat.of().formatHex(sha.digest()));
    }

    /** The evidence rules no case exercised, as a passed gate reported them for this key; empty when none was kept. */
    Optional<List<String>> passed(String key) {
        Path file = dir.resolve(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            LOG.info("rule gate: passed before for these rules, cases and engine ({}); not run again", file);
            return Optional.of(List.copyOf(lines));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Keeps a passed verdict; a data directory that cannot be written only costs the next start its time. */
    void remember(String key, List<String> unexercisedRules) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            Files.write(tmp, unexercisedRules, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            dropAllButNewest();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("rule gate: the verdict cannot be kept in {} ({}); the next start runs the gate again", dir,
                    e.getMessage());
        }
    }

    private void dropAllButNewest() throws IOException {
        List<Path> verdicts;
        try (Stream<Path> files = Files.list(dir)) {
            verdicts = new ArrayList<>(files.filter(p -> !p.getFileName().toString().endsWith(".tmp")).toList());
        }
        if (verdicts.size() <= KEPT) {
            return;
        }
        verdicts.sort((a, b) -> Long.compare(modified(b), modified(a)));
        for (Path old : verdicts.subList(KEPT, verdicts.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
