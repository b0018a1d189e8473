package org.bounceclassifier.service;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.engine.RuleSetException;
import org.bounceclassifier.engine.RuleSetLoader;
import org.bounceclassifier.rulecases.RuleGate;

/**
 * The rule set that serves traffic, and the outcome of the last attempt to load one.
 *
 * <p>A new rule set is built and checked off to the side; only one that compiles and passes the
 * gate (every rule case and example, unless the gate is off) replaces the current one, in one
 * atomic step. Each request calls {@link #get()} once and uses only that rule set.
 */
public final class CurrentRules implements AutoCloseable {
    private final Path rulesDir;
    private final Path casesDir;
    private final boolean gate;
    private final AtomicReference<RuleSet> current = new AtomicReference<>();
    private volatile LoadAttempt lastAttempt;

    /**
     * @param gate whether rule cases and examples must pass before a rule set may serve
     */
    public CurrentRules(Path rulesDir, Path casesDir, boolean gate) {
        this.rulesDir = rulesDir;
        this.casesDir = casesDir;
        this.gate = gate;
    }

    /** The serving rule set, or null before the first successful load. */
    public RuleSet get() {
        return current.get();
    }

    public LoadAttempt lastAttempt() {
        return lastAttempt;
    }

    public Path rulesDir() {
        return rulesDir;
    }

    /** Loads the directory; on success the new rule set serves and the old one is released. */
    public synchronized LoadAttempt load() {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        LoadAttempt attempt;
        try {
            RuleSet candidate = RuleSetLoader.load(rulesDir);
            RuleGate.Report report = gate ? RuleGate.check(candidate, casesDir) : null;
            if (report != null && !report.ok()) {
                candidate.close();
                attempt = new LoadAttempt(started, false, null, millisSince(t0), List.of(), report.failures());
            } else {
                RuleSet previous = current.getAndSet(candidate);
                if (previous != null) {
                    previous.close();
                }
                attempt = new LoadAttempt(started, true, candidate.version(), millisSince(t0), List.of(), List.of());
            }
        } catch (RuleSetException e) {
            attempt = new LoadAttempt(started, false, null, millisSince(t0), e.problems(), List.of());
        }
        lastAttempt = attempt;
        return attempt;
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Override
    public void close() {
        RuleSet rs = current.getAndSet(null);
        if (rs != null) {
            rs.close();
        }
    }
}
