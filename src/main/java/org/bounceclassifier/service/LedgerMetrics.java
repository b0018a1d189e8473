package org.bounceclassifier.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.ledger.LedgerStore;

/**
 * The recipient ledger's metrics on {@code /metrics}: events by kind and effect, suppressions by
 * source, releases, resets, imports, database errors, readiness, and the latency of each ledger
 * call (Prometheus names {@code bounce_ledger_*}).
 */
public final class LedgerMetrics {
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    public LedgerMetrics(MeterRegistry registry, Ledger ledger) {
        this.registry = registry;
        Gauge.builder("bounce_ledger_ready", ledger, l -> l.readiness().ready() ? 1 : 0)
                .description("1 while the ledger's database answers, 0 while it cannot be reached")
                .register(registry);
    }

    /** One event recorded (or found a duplicate). */
    public void recorded(LedgerStore.Recorded r) {
        String effect = r.duplicate() ? "duplicate" : r.event().effect().id();
        counter("bounce_ledger_events", "Ledger events by kind and effect", "kind", r.event().kind().id(),
                "effect", effect).increment();
        if (!r.duplicate() && "suppressed".equals(effect)) {
            suppressed("bounce", 1);
        }
    }

    /** Addresses suppressed, by where the suppression came from: bounce, manual, import. */
    public void suppressed(String source, long n) {
        counter("bounce_ledger_suppressions", "Addresses suppressed, by source", "source", source, null, null)
                .increment(n);
    }

    public void released() {
        counter("bounce_ledger_releases", "Suppressions lifted by a person", null, null, null, null).increment();
    }

    public void reset() {
        counter("bounce_ledger_resets", "Runs of soft bounces ended by a person", null, null, null, null).increment();
    }

    /** One import: {@code ok} with its rows, or {@code refused} (a bad file: nothing imported). */
    public void imported(String outcome, long rows) {
        counter("bounce_ledger_imports", "Suppression list imports by outcome", "outcome", outcome, null, null)
                .increment();
        counter("bounce_ledger_imported_rows", "Rows of imported suppression lists", null, null, null, null)
                .increment(rows);
    }

    public void databaseError() {
        counter("bounce_ledger_db_errors", "Ledger calls that failed because the database did not answer",
                null, null, null, null).increment();
    }

    /** The time one ledger call took, by operation (record_bounce, check, import, ...). */
    public Timer latency(String operation) {
        return timers.computeIfAbsent(operation, op -> Timer.builder("bounce_ledger_latency").tag("operation", op)
                .description("Ledger call latency, database included").publishPercentileHistogram(false)
                .register(registry));
    }

    private Counter counter(String name, String description, String tag1, String value1, String tag2, String value2) {
        String key = name + '|' + value1 + '|' + value2;
        return counters.computeIfAbsent(key, k -> {
            Counter.Builder b = Counter.builder(name).description(description);
            if (tag1 != null) {
                b.tag(tag1, value1);
            }
            if (tag2 != null) {
                b.tag(tag2, value2);
            }
            return b.register(registry);
        });
    }
}
