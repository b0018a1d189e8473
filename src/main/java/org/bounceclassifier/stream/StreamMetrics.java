package org.bounceclassifier.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The stream's figures in the service's registry: records by outcome, and the consumer's lag (how
 * many records of the assigned partitions are not yet handled), as {@code /metrics} shows them.
 */
final class StreamMetrics {
    private final Counter classified;
    private final Counter deadLettered;
    private final Counter retried;
    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();

    StreamMetrics(MeterRegistry registry) {
        classified = Counter.builder("bounce_stream_records").tag("outcome", "classified")
                .description("Records of the in topic handled, by outcome").register(registry);
        deadLettered = Counter.builder("bounce_stream_records").tag("outcome", "dead_letter")
                .description("Records of the in topic handled, by outcome").register(registry);
        retried = Counter.builder("bounce_stream_retries")
                .description("Records to be read again because the ledger could not record them").register(registry);
        Gauge.builder("bounce_stream_lag_records", lag, StreamMetrics::total)
                .description("Records of the assigned partitions not yet handled (end offset minus position)")
                .register(registry);
    }

    void classified() {
        classified.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void retried() {
        retried.increment();
    }

    void lag(TopicPartition partition, long records) {
        lag.put(partition, records);
    }

    void unassigned(TopicPartition partition) {
        lag.remove(partition);
    }

    long totalLag() {
        return (long) total(lag);
    }

    private static double total(Map<TopicPartition, Long> lag) {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }
}
