package org.bounceclassifier.stream;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bounceclassifier.ServiceProcess;
import org.bounceclassifier.ledger.PostgresServer;

/**
 * The scaling measurement behind the README's "More than one machine" figures (not a test): one
 * KRaft broker and one PostgreSQL on this machine, then 1, 2 and 3 stream instances in one consumer
 * group, each round on a topic of its own with 6 partitions. Per round: the events of the topic
 * are produced at once while the instances run; throughput is events over the time from the first
 * produced to the last answered; end-to-end lag is the answer's broker timestamp minus the event's
 * (p50, p99, max).
 *
 * <p>With {@code -Drate=N} the events are produced at N per second instead of at once: the lag is
 * then the end-to-end delay of a stream that keeps up, not the time a backlog takes to drain.
 *
 * <p>Run by scripts/stream-scaling.sh; usage: StreamScaling [events per round] [instances...].
 */
public final class StreamScaling {
    private StreamScaling() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int[] rounds = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray() : new int[] {1, 2, 3};
        Path work = Files.createTempDirectory("stream-scaling");
        try (KafkaBroker broker = KafkaBroker.start(work)) {
            String url = PostgresServer.shared().newDatabase();
            System.out.printf("broker %s, PostgreSQL %s, %d events per round, %d cores%n", broker.bootstrapServers(),
                    url, events, Runtime.getRuntime().availableProcessors());
            int rate = Integer.getInteger("rate", 0);
            System.out.println(rate > 0 ? "produced at " + rate + " events/s" : "produced at once (a backlog)");
            System.out.println("| instances | events/s | lag p50 ms | lag p99 ms | lag max ms | peak RSS MB per instance |");
            System.out.println("|---:|---:|---:|---:|---:|---:|");
            for (int n : rounds) {
                round(broker, url, work, n, events);
            }
        }
    }

    private static void round(KafkaBroker broker, String url, Path work, int instances, int events) throws Exception {
        String in = "scale-in-" + instances;
        String out = "scale-out-" + instances;
        broker.createTopics(6, in, out, in + ".dead-letter");
        String[] options = {"--db-url", url, "--no-rules-gate", "--no-watch", "--bootstrap-servers",
                broker.bootstrapServers(), "--in", in, "--out", out, "--group", "scale-" + instances};
        Map<String, String> env = Map.of("BOUNCE_DB_USER", PostgresServer.user(), "JAVA_TOOL_OPTIONS", "-Xmx256m");
        List<ServiceProcess> running = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                running.add(ServiceProcess.start("stream", work.resolve("instance-" + instances + "-" + i + ".log"),
                        env, options));
            }
            waitForAssignments(running);
            long start = System.currentTimeMillis();
            int rate = Integer.getInteger("rate", 0);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(broker.clientProperties(),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                for (int i = 0; i < events; i++) {
                    if (rate > 0) {
                        long due = start + (long) i * 1000 / rate;
                        long wait = due - System.currentTimeMillis();
                        if (wait > 0) {
                            producer.flush();
                            Thread.sleep(wait);
                        }
                    }
                    String recipient = "r" + (i % 5_000) + "@example" + (i % 7) + ".jp";
                    producer.send(new ProducerRecord<>(in, recipient.getBytes(StandardCharsets.UTF_8),
                            event(recipient, i).getBytes(StandardCharsets.UTF_8)));
                }
            }
            List<Long> lags = new ArrayList<>();
            long last = readAnswers(broker, out, events, lags);
            double seconds = (last - start) / 1000.0;
            lags.sort(null);
            long peakRss = 0;
            for (ServiceProcess p : running) {
                peakRss = Math.max(peakRss, p.peakRssMegabytes());
            }
            System.out.printf("| %d | %,.0f | %d | %d | %d | %d |%n", instances, events / seconds,
                    lags.get(lags.size() / 2), lags.get((int) (lags.size() * 0.99)), lags.get(lags.size() - 1),
                    peakRss);
        } finally {
            for (ServiceProcess p : running) {
                p.close();
            }
        }
    }

    private static String event(String recipient, int i) {
        String diagnostic = switch (i % 4) {
            case 0 -> "550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown in virtual mailbox table";
            case 1 -> "452 4.2.2 The email account that you tried to reach is over quota";
            case 2 -> "421 4.7.0 [TSS04] Messages from 192.0.2.7 temporarily deferred due to unexpected volume";
            default -> "450 4.2.1 Mailbox temporarily unavailable, try again later";
        };
        return new JsonObject().put("recipient", recipient).put("diagnostic", diagnostic).encode();
    }

    /** Waits until the instances' logs show a partition assignment (the group is formed). */
    private static void waitForAssignments(List<ServiceProcess> running) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            boolean all = true;
            for (ServiceProcess p : running) {
                all &= p.log().contains("partitions assigned [");
            }
            if (all) {
                Thread.sleep(2_000);
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the consumer group did not form");
    }

    /** Reads answers until every event has one; returns the broker time of the last answer. */
    private static long readAnswers(KafkaBroker broker, String topic, int events, List<Long> lags) {
        var p = broker.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Set<String> sources = new HashSet<>();
        long last = 0;
        long deadline = System.currentTimeMillis() + 600_000;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            while (sources.size() < events && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    JsonObject s = new JsonObject(new String(r.value(), StandardCharsets.UTF_8)).getJsonObject("source");
                    if (sources.add(s.getInteger("partition") + "@" + s.getLong("offset"))) {
                        lags.add(r.timestamp() - s.getLong("timestamp"));
                        last = Math.max(last, r.timestamp());
                    }
                }
            }
        }
        if (sources.size() < events) {
            throw new IllegalStateException("only " + sources.size() + " of " + events + " answered in time");
        }
        return last;
    }
}
