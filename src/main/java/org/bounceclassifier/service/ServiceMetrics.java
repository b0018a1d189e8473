package org.bounceclassifier.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Collections;
import java.util.WeakHashMap;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.bounceclassifier.engine.Classification;

/**
 * The service's own metrics, next to Vert.x's HTTP metrics in one Prometheus registry:
 * classifications per category, rule firings per rule, and reloads (count, failures, duration);
 * and the last hour of traffic for the web console ({@link TrafficRecorder}), fed by the same call
 * so that every path that counts a classification also shows on the traffic screen.
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
    private final TrafficRecorder traffic;
    /** In memory until the service hands it the ledger's ({@link #useReceiverTraffic}). */
    private volatile ReceiverTraffic receivers =
            ReceiverTraffic.inMemory(ReceiverFamilies.bundled(), java.time.Duration.ofDays(DEFAULT_RECEIVER_RETENTION_DAYS));
    private final TrafficSample sample;
    private final Info rulesInfo;
    /** One Info per registry: several ServiceMetrics may share a registry (the way-in metrics do). */
    private static final Map<PrometheusRegistry, Info> RULES_INFO = Collections.synchronizedMap(new WeakHashMap<>());
    private final Timer classificationDuration;

    /** How long traffic by receiver is kept when nothing else is said (serve --traffic-retention-days). */
    public static final int DEFAULT_RECEIVER_RETENTION_DAYS = 31;

    public ServiceMetrics() {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new TrafficRecorder());
    }

    public ServiceMetrics(PrometheusMeterRegistry registry, TrafficRecorder traffic) {
        this(registry, traffic, new TrafficSample());
    }

    /** @param sample the traffic sample every classification feeds (issue 18), in memory until given a store */
    public ServiceMetrics(PrometheusMeterRegistry registry, TrafficRecorder traffic, TrafficSample sample) {
        this.registry = registry;
        this.traffic = traffic;
        this.sample = sample;
        OperatorConventions.apply(registry);
        this.reloadsOk = Counter.builder("bounce_rules_reloads").tag("outcome", "ok")
                .description("Rule set load attempts").register(registry);
        this.reloadsFailed = Counter.builder("bounce_rules_reloads").tag("outcome", "failed")
                .description("Rule set load attempts").register(registry);
        this.reloadDuration = Timer.builder("bounce_rules_reload_duration")
                .description("Time to compile and check a rule set").register(registry);
        this.classificationDuration = Timer.builder("bounce_classification_duration")
                .description("Time to classify one input (a JSON bounce, or a raw e-mail with all its recipients)")
                .register(registry);
        this.rulesInfo = RULES_INFO.computeIfAbsent(registry.getPrometheusRegistry(), r -> Info.builder()
                .name("bounce_rules")
                .help("The rules version this instance serves (the content hash of its rule files)")
                .labelNames("version").register(r));
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The last hour of classifications and the most frequent unknown texts. */
    public TrafficRecorder traffic() {
        return traffic;
    }

    /** The hourly traffic by receiving provider. */
    public ReceiverTraffic receivers() {
        return receivers;
    }

    /** Counts traffic by receiver there from now on (the ledger's database, at start-up). */
    public void useReceiverTraffic(ReceiverTraffic receivers) {
        this.receivers = receivers;
    }

    /** The sample of recent inputs a rule reload measures its impact on. */
    public TrafficSample sample() {
        return sample;
    }

    /**
     * Feeds only the traffic sample: for the way in that records in the ledger without counting on
     * the traffic screen (the Kafka stream).
     */
    public void sampled(Classification c) {
        sample.record(c);
    }

    /**
     * Counts one answer: its category, every rule that proposed, decided or remediated it, and
     * the traffic screen's minute.
     */
    public void classified(Classification c) {
        classified(c, TrafficRecorder.API);
    }

    /** Counts one answer given to a bounce that came in by {@code source} (smtp, imap, a webhook platform). */
    public void classified(Classification c, String source) {
        traffic.record(c, source);
        receivers.record(c.category(), c.evidence());
        sample.record(c);
        byCategory.computeIfAbsent(c.category().id(), id -> Counter.builder("bounce_classifications")
                .tag("category", id).description("Classifications by category").register(registry)).increment();
        for (String rule : c.firedRules()) {
            byRule.computeIfAbsent(rule, name -> Counter.builder("bounce_rule_firings")
                    .tag("rule", name).description("Classifications in which a rule fired").register(registry))
                    .increment();
        }
    }

    /** Runs one classification and records how long it took in the classification histogram. */
    public <T> T timeClassification(Supplier<T> classification) {
        return classificationDuration.record(classification);
    }

    /** Counts a load attempt and its duration; an accepted one becomes the served version. */
    public void reloaded(LoadAttempt attempt) {
        (attempt.ok() ? reloadsOk : reloadsFailed).increment();
        reloadDuration.record(Duration.ofMillis(attempt.durationMillis()));
        if (attempt.ok()) {
            serving(attempt.version());
        }
    }

    /**
     * {@code bounce_rules_info{version="..."} 1}: the content hash of the rules this instance serves,
     * so a fleet's dashboard shows an instance that drifted from the others.
     */
    private void serving(String version) {
        // an Info metric of the Prometheus client itself: Micrometer would drop the "_info" suffix
        rulesInfo.setLabelValues(version);
    }

    /** How often each rule has fired since start, by rule name. */
    public Map<String, Long> ruleFirings() {
        Map<String, Long> out = new TreeMap<>();
        byRule.forEach((rule, counter) -> out.put(rule, (long) counter.count()));
        return out;
    }
}
