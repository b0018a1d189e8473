package org.bounceclassifier.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * What a stream reads and writes.
 *
 * @param bootstrapServers the brokers to start from, {@code host:port,...}
 * @param inTopic bounce events to classify
 * @param outTopic one classification per recipient, keyed by the recipient
 * @param deadLetterTopic records that can never be handled, with the reason in headers
 * @param groupId the consumer group: instances with one group id share the in topic's partitions
 * @param retryBackoff how long to wait before reading a record again when the ledger cannot record it
 * @param workers how many partitions are handled side by side
 */
public record StreamConfig(String bootstrapServers, String inTopic, String outTopic, String deadLetterTopic,
                           String groupId, Duration retryBackoff, int workers) {
    public StreamConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(inTopic, "inTopic");
        Objects.requireNonNull(outTopic, "outTopic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
    }
}
