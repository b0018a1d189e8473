package org.bounceclassifier.service;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.bounceclassifier.engine.EngineLimits;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.engine.RuleSetException;
import org.bounceclassifier.engine.RuleSetLoader;
import org.bounceclassifier.rulecases.RuleGate;

/**
 * The rule set that serves traffic, and the outcome of the last attempt to load one.
 *
 * <p>A new rule set is built and checked off to the side while the current one serves; only one
 * that compiles and passes the gate (every rule case and example, unless the gate is off)
 * replaces it, in one atomic step. Each request calls {@link #get()} once and uses only that rule
 * set, so requests in flight finish on the set they started with; the replaced set is retired.
 * Loads are serialized.
 */
public final class CurrentRules implements AutoCloseable {
    public static final String STARTUP = "startup";
    public static final String WATCH = "watch";
    public static final String API = "api";

    private final Path rulesDir;
    private final Path casesDir;
    private final boolean gate;
    private final EngineLimits limits;
    private final AtomicReference<RuleSet> current = new AtomicReference<>();
    private final List<Consumer<LoadAttempt>> listeners = new CopyOnWriteArrayList<>();
    private volatile LoadAttempt lastAttempt;
    private volatile ImpactCheck impactCheck;
    private volatile GateVerdicts verdicts;

    /** @param gate whether rule cases and examples must pass before a rule set may serve */
    public CurrentRules(Path rulesDir, Path casesDir, boolean gate) {
        this(rulesDir, casesDir, gate, EngineLimits.DEFAULT);
    }

    public CurrentRules(Path rulesDir, Path casesDir, boolean gate, EngineLimits limits) {
        this.rulesDir = rulesDir;
        this.casesDir = casesDir;
        this.gate = gate;
        this.limits = limits;
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

    public Path casesDir() {
        return casesDir;
    }

    /**
     * Measures every later candidate that compiles against the serving set (traffic sample,
     * ledger) and refuses one over the check's limit.
     */
    public void checkImpactWith(ImpactCheck check) {
        this.impactCheck = check;
    }

    /**
     * Keeps passed gate verdicts there and trusts one only for the same rules, cases, limits and
     * engine, and only at start-up: a restart with nothing changed skips the gate's checks.
     */
    public void keepGateVerdictsIn(GateVerdicts verdicts) {
        this.verdicts = verdicts;
    }

    /** Called after every load attempt, accepted or not (for logs and metrics). */
    public void onAttempt(Consumer<LoadAttempt> listener) {
        listeners.add(listener);
    }

    /** Loads at start-up. */
    public LoadAttempt load() {
        return load(STARTUP);
    }

    /** Loads the directory; on success the new rule set serves and the old one is retired. */
    public synchronized LoadAttempt load(String trigger) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        LoadAttempt attempt;
        try {
            RuleSet candidate = RuleSetLoader.load(rulesDir, limits);
            // a passed verdict is kept after any load, and reused only by a start: a reload follows an
            // edit (and its figures stay those of a real gate run)
            GateVerdicts kept = gate ? verdicts : null;
            Optional<String> key = kept == null ? Optional.empty() : kept.key(candidate, casesDir, limits.toString());
            Optional<List<String>> passedBefore = STARTUP.equals(trigger) ? key.flatMap(k -> kept.passed(k))
                    : Optional.empty();
            RuleGate.Report report = gate && passedBefore.isEmpty() ? RuleGate.check(candidate, casesDir) : null;
            List<String> unexercised = passedBefore.orElseGet(() -> unexercised(report));
            if (report != null && report.ok() && key.isPresent()) {
                kept.remember(key.get(), unexercised);
            }
            RuleImpact.Report impact = measure(candidate);
            if (report != null && !report.ok()) {
                candidate.close();
                attempt = new LoadAttempt(started, trigger, false, candidate.version(), millisSince(t0), List.of(),
                        report.failures(), unexercised, impact, null);
            } else if (impact != null && impact.overLimit()) {
                candidate.close();
                attempt = new LoadAttempt(started, trigger, false, candidate.version(), millisSince(t0), List.of(),
                        List.of(), unexercised, impact, impact.refusal());
            } else {
                RuleSet previous = current.getAndSet(candidate);
                if (previous != null) {
                    previous.close();
                }
                attempt = new LoadAttempt(started, trigger, true, candidate.version(), millisSince(t0), List.of(),
                        List.of(), unexercised, impact, null);
            }
        } catch (RuleSetException e) {
            attempt = new LoadAttempt(started, trigger, false, null, millisSince(t0), e.problems(), List.of(),
                    List.of());
        }
        lastAttempt = attempt;
        for (Consumer<LoadAttempt> listener : listeners) {
            listener.accept(attempt);
        }
        return attempt;
    }

    /** The candidate against the serving set, or null when there is none or no check is configured. */
    private RuleImpact.Report measure(RuleSet candidate) {
        ImpactCheck check = impactCheck;
        RuleSet serving = check == null ? null : check.baselineOr(current.get());
        if (serving == null) {
            return null;
        }
        try {
            return check.measure(serving, candidate);
        } catch (RuntimeException e) {
            // a measuring aid never takes a reload down: the report says it was not measured
            return RuleImpact.unmeasured(serving, candidate, null, "the impact could not be measured: " + e);
        }
    }

    private static List<String> unexercised(RuleGate.Report report) {
        if (report == null) {
            return List.of();
        }
        return report.unexercisedRules().stream()
                .map(r -> r.file() + ":" + r.line() + ": rule \"" + r.name() + "\"")
                .toList();
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
