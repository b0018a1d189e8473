package org.bounceclassifier.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.service.ServiceMetrics;

/**
 * How many messages and recipients each way in (smtp, imap, a webhook platform) brought, on
 * {@code /metrics}: {@code bounce_intake_messages{source,outcome}} (outcome: recorded, duplicate,
 * not_a_bounce, no_address, and the refusals of each way in) and
 * {@code bounce_intake_recipients{source}}; and each new classification on the service's own
 * counters and the console's traffic screen, under its source.
 */
public final class IntakeMetrics {
    private final ServiceMetrics service;
    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public IntakeMetrics(ServiceMetrics service) {
        this.service = service;
        this.registry = service.registry();
    }

    /** Counts a classification that was recorded (a duplicate is not counted again). */
    void classified(Classification c, String source) {
        service.classified(c, source);
    }

    void counted(String source, IntakeResult result) {
        String outcome = result.entries().isEmpty() ? "not_a_bounce"
                : result.recordedCount() > 0 ? "recorded"
                : result.duplicateCount() > 0 ? "duplicate" : "no_address";
        message(source, outcome);
        for (IntakeResult.Entry e : result.entries()) {
            if (e.recorded() != null && !e.recorded().recorded().duplicate()) {
                classified(e.recorded().classification(), source);
            }
        }
        if (result.recordedCount() > 0) {
            counter("bounce_intake_recipients", "source", source, null, null).increment(result.recordedCount());
        }
    }

    /** Counts one message of {@code source} with {@code outcome}. */
    public void message(String source, String outcome) {
        counter("bounce_intake_messages", "source", source, "outcome", outcome).increment();
    }

    private Counter counter(String name, String k1, String v1, String k2, String v2) {
        String key = name + '|' + v1 + '|' + v2;
        return counters.computeIfAbsent(key, k -> {
            Counter.Builder b = Counter.builder(name).tag(k1, v1)
                    .description("Bounces that arrived by themselves, by way in");
            if (k2 != null) {
                b.tag(k2, v2);
            }
            return b.register(registry);
        });
    }
}
