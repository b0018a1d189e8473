package org.bounceclassifier.stream;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.ledger.LedgerStoreException;
import org.bounceclassifier.logs.LogFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume, classify, record, produce loop of one instance, on one thread.
 *
 * <p>At least once, effectively once: a batch's offsets are committed only after every record of
 * it is in the ledger and every answer (or dead letter) is acknowledged by the brokers. A crash
 * before the commit means the batch is read again; each record's event id is the same the second
 * time, so the ledger counts it once and the answer is produced again (marked {@code duplicate}).
 * When the ledger cannot record (database down), the partition is rewound to that record and read
 * again after a pause: nothing is skipped. A record that can never be handled goes to the
 * dead-letter topic with the reason, and the stream goes on.
 */
public final class BounceStream implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("bounce-classifier.stream");
    static final String HEADER_ERROR = "bounce-error";
    static final String HEADER_MESSAGE = "bounce-error-message";
    static final String HEADER_SOURCE = "bounce-source";
    private static final Duration POLL = Duration.ofMillis(500);

    private final StreamConfig config;
    private final RecordClassifier classifier;
    private final StreamMetrics metrics;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    /** One thread per partition in hand, at most {@link StreamConfig#workers()}. */
    private final ExecutorService workers;
    private volatile boolean closing;
    private final Object stopped = new Object();
    private boolean finished;

    /**
     * A stream that records into {@code ledger} with the serving rules of {@code rules}.
     *
     * @param logFormat the MTA log format, for {@link StreamInput#LOG} only
     */
    public static BounceStream create(StreamConfig config, StreamInput input, LogFormat logFormat,
                                      Supplier<RuleSet> rules, Ledger ledger, String lang, MeterRegistry registry) {
        return create(config, input, logFormat, rules, ledger, lang, registry, c -> { });
    }

    /** @param sample fed every new classification (the traffic sample of issue 18) */
    public static BounceStream create(StreamConfig config, StreamInput input, LogFormat logFormat,
                                      Supplier<RuleSet> rules, Ledger ledger, String lang, MeterRegistry registry,
                                      java.util.function.Consumer<org.bounceclassifier.engine.Classification> sample) {
        return new BounceStream(config, new RecordClassifier(input, logFormat, rules, ledger, lang, sample),
                new StreamMetrics(registry));
    }

    BounceStream(StreamConfig config, RecordClassifier classifier, StreamMetrics metrics) {
        this.config = config;
        this.classifier = classifier;
        this.metrics = metrics;
        this.consumer = new KafkaConsumer<>(consumerProperties(config), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(producerProperties(config), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.workers = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread t = new Thread(r, "stream-worker");
            t.setDaemon(true);
            return t;
        });
    }

    static Properties consumerProperties(StreamConfig config) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        // offsets move only when the ledger and the out topic have the batch
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        // a dead instance's partitions move to the others after 10 s rather than the default 45 s
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bounce-classifier-" + ProcessHandle.current().pid());
        return p;
    }

    static Properties producerProperties(StreamConfig config) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        // an answer counts as produced only when every in-sync replica has it
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "bounce-classifier-" + ProcessHandle.current().pid());
        return p;
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(config.inTopic()), new Rebalances());
        LOG.info("stream: reading {} as group {}, answers to {}, dead letters to {}", config.inTopic(),
                config.groupId(), config.outTopic(), config.deadLetterTopic());
        try {
            while (!closing) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                boolean ledgerDown = handleBatch(records);
                updateLag();
                if (ledgerDown) {
                    Thread.sleep(config.retryBackoff().toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            workers.shutdown();
            producer.close(Duration.ofSeconds(10));
            consumer.close(Duration.ofSeconds(10));
            LOG.info("stream: stopped");
            synchronized (stopped) {
                finished = true;
                stopped.notifyAll();
            }
        }
    }

    /**
     * Handles one poll's records, then commits what is safely done. Partitions run side by side on
     * the worker pool (the ledger's round trips overlap), each partition's records one after the
     * other (order within a partition, hence per recipient when producers key by recipient, holds).
     * Seeks and commits stay on this thread: the consumer is not thread-safe.
     *
     * @return true when the ledger could not record and some partition was rewound
     */
    private boolean handleBatch(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
        Map<TopicPartition, Future<PartitionOutcome>> running = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            running.put(partition, workers.submit(() -> handlePartition(records.records(partition))));
        }
        Map<TopicPartition, PartitionOutcome> outcomes = new HashMap<>();
        for (Map.Entry<TopicPartition, Future<PartitionOutcome>> r : running.entrySet()) {
            try {
                outcomes.put(r.getKey(), r.getValue().get());
            } catch (ExecutionException e) {
                // not a ledger outage, not poison: an unexpected failure; read the partition again
                LOG.error("stream: handling {} failed; reading it again", r.getKey(), e.getCause());
                outcomes.put(r.getKey(), new PartitionOutcome(records.records(r.getKey()).get(0).offset(), -1,
                        List.of(), true));
            }
        }
        producer.flush();
        boolean ledgerDown = false;
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (Map.Entry<TopicPartition, PartitionOutcome> o : outcomes.entrySet()) {
            TopicPartition partition = o.getKey();
            PartitionOutcome outcome = o.getValue();
            if (!allAcknowledged(outcome.sends())) {
                // an answer did not reach the brokers: read the partition's batch again
                consumer.seek(partition, outcome.first());
                continue;
            }
            if (outcome.next() >= 0) {
                commit.put(partition, new OffsetAndMetadata(outcome.next()));
            }
            if (outcome.stopped()) {
                consumer.seek(partition, outcome.next() >= 0 ? outcome.next() : outcome.first());
                ledgerDown = true;
            }
        }
        if (!commit.isEmpty()) {
            consumer.commitSync(commit);
        }
        return ledgerDown;
    }

    /**
     * What handling one partition's records did.
     *
     * @param first the batch's first offset
     * @param next the offset after the last record handled, or -1 when none was
     * @param sends the answers and dead letters produced
     * @param stopped true when the ledger could not record: the partition goes back to {@code next}
     */
    private record PartitionOutcome(long first, long next, List<Future<RecordMetadata>> sends, boolean stopped) {
    }

    private PartitionOutcome handlePartition(List<ConsumerRecord<byte[], byte[]>> records) {
        long first = records.get(0).offset();
        long next = -1;
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                sent.addAll(handle(record));
            } catch (LedgerStoreException e) {
                LOG.warn("stream: the ledger cannot record {}/{}@{} ({}); reading it again in {} ms",
                        record.topic(), record.partition(), record.offset(), e.getMessage(),
                        config.retryBackoff().toMillis());
                metrics.retried();
                return new PartitionOutcome(first, next, sent, true);
            }
            next = record.offset() + 1;
        }
        return new PartitionOutcome(first, next, sent, false);
    }

    private List<Future<RecordMetadata>> handle(ConsumerRecord<byte[], byte[]> record) {
        RecordSource source = new RecordSource(record.topic(), record.partition(), record.offset(), record.timestamp());
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try {
            for (StreamAnswer answer : classifier.handle(source, record.value())) {
                sent.add(producer.send(new ProducerRecord<>(config.outTopic(),
                        answer.recipient().getBytes(StandardCharsets.UTF_8),
                        answer.body().encode().getBytes(StandardCharsets.UTF_8))));
                metrics.classified();
            }
        } catch (PoisonRecordException e) {
            LOG.warn("stream: {}/{}@{} goes to {}: {} ({})", record.topic(), record.partition(), record.offset(),
                    config.deadLetterTopic(), e.getMessage(), e.code());
            RecordHeaders headers = new RecordHeaders();
            headers.add(HEADER_ERROR, e.code().getBytes(StandardCharsets.UTF_8));
            headers.add(HEADER_MESSAGE, String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8));
            headers.add(HEADER_SOURCE, (record.topic() + "/" + record.partition() + "@" + record.offset())
                    .getBytes(StandardCharsets.UTF_8));
            sent.add(producer.send(new ProducerRecord<>(config.deadLetterTopic(), null, record.key(),
                    record.value(), headers)));
            metrics.deadLettered();
        }
        return sent;
    }

    private static boolean allAcknowledged(List<Future<RecordMetadata>> sends) {
        if (sends == null) {
            return true;
        }
        for (Future<RecordMetadata> f : sends) {
            try {
                f.get();
            } catch (ExecutionException e) {
                LOG.warn("stream: an answer was not acknowledged: {}", e.getCause().toString());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void updateLag() {
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong lag = consumer.currentLag(partition);
            if (lag.isPresent()) {
                metrics.lag(partition, lag.getAsLong());
            }
        }
    }

    /**
     * Stops after the batch in hand is committed (no wakeup: a poll returns within half a second,
     * and a batch cut short would be handled again by another instance); returns when the consumer
     * has left its group.
     */
    @Override
    public void close() {
        closing = true;
        synchronized (stopped) {
            long deadline = System.currentTimeMillis() + 30_000;
            while (!finished && System.currentTimeMillis() < deadline) {
                try {
                    stopped.wait(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Forgets the lag of partitions this instance no longer reads. */
    private final class Rebalances implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // every handled record is already committed at the end of its batch
            partitions.forEach(metrics::unassigned);
            LOG.info("stream: partitions revoked {}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.info("stream: partitions assigned {}", partitions);
        }
    }
}
