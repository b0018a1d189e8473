package org.bounceclassifier.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.bounceclassifier.engine.Candidate;
import org.bounceclassifier.engine.Classification;

/**
 * The service's own metrics, next to Vert.x's HTTP metrics in one Prometheus registry:
 * classifications per category, rule firings per rule, and reloads (count, failures, duration).
 *
 * <p>Counters are looked up once per name and cached, so a classification costs a few map reads.
 */
public final class ServiceMetrics {
    private final PrometheusMeterRegistry registry;
    private final ConcurrentMap<String, Counter> byCategory = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> byRule = new ConcurrentHashMap<>();
    private final Counter reloadsOk;
    private final Counter reloadsFailed;
    private final Timer reloadDuration;

    public ServiceMetrics() {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public ServiceMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.reloadsOk = Counter.builder("bounce_rules_reloads").tag("outcome", "ok")
                .description("Rule set load attempts").register(registry);
        this.reloadsFailed = Counter.builder("bounce_rules_reloads").tag("outcome", "failed")
                .description("Rule set load attempts").register(registry);
        this.reloadDuration = Timer.builder("bounce_rules_reload_duration")
                .description("Time to compile and check a rule set").register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Counts one answer: its category, and every rule that proposed, decided or remediated it. */
    public void classified(Classification c) {
        byCategory.computeIfAbsent(c.category().id(), id -> Counter.builder("bounce_classifications")
                .tag("category", id).description("Classifications by category").register(registry)).increment();
        Set<String> fired = new HashSet<>();
        for (Candidate candidate : c.candidates()) {
            fired.add(candidate.getRuleName());
        }
        fired.addAll(c.matchedRuleNames());
        for (String rule : fired) {
            byRule.computeIfAbsent(rule, name -> Counter.builder("bounce_rule_firings")
                    .tag("rule", name).description("Classifications in which a rule fired").register(registry))
                    .increment();
        }
    }

    /** Counts a load attempt and its duration. */
    public void reloaded(LoadAttempt attempt) {
        (attempt.ok() ? reloadsOk : reloadsFailed).increment();
        reloadDuration.record(Duration.ofMillis(attempt.durationMillis()));
    }

    /** How often each rule has fired since start, by rule name. */
    public Map<String, Long> ruleFirings() {
        Map<String, Long> out = new TreeMap<>();
        byRule.forEach((rule, counter) -> out.put(rule, (long) counter.count()));
        return out;
    }
}
