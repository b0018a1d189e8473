package org.bounceclassifier.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bounceclassifier.ServiceProcess;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.ledger.EmailAddress;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.ledger.LedgerConfig;
import org.bounceclassifier.ledger.PostgresServer;
import org.bounceclassifier.logs.LogFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream against a real Kafka broker (KRaft, started by the test on loopback): events in,
 * classifications out, ledger rows present; poison records in the dead-letter topic; deferrals of
 * one queue id counted once; and a kill -9 of one of two instances mid-stream that loses and
 * double-counts nothing.
 */
class BounceStreamIT {
    private static final Duration WAIT = Duration.ofSeconds(180);
    @TempDir
    static Path brokerDir;
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(brokerDir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void bounceEventsInClassificationsOutAndTheLedgerHasThem(@TempDir Path data) throws Exception {
        String in = "json-in";
        broker.createTopics(2, in, "json-out", "json-dead");
        try (Ledger ledger = Ledger.open(new LedgerConfig(data, null, null, null, 90));
             BounceStream stream = start(new StreamConfig(broker.bootstrapServers(), in, "json-out", "json-dead",
                     "json-group", Duration.ofMillis(200), 4), StreamInput.JSON, null, ledger)) {
            produce(in, List.of(
                    bounce("taro@example.jp", "550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown"),
                    bounce("hanako@example.com", "452 4.2.2 The email account that you tried to reach is over quota"),
                    bounce("Jiro@Example.JP", "554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked "
                            + "using zen.spamhaus.org")));
            List<JsonObject> out = consume("json-out", "json-reader", 3);
            Map<String, JsonObject> byRecipient = new HashMap<>();
            out.forEach(o -> byRecipient.put(o.getJsonObject("recipient").getString("address"), o));
            assertEquals("bad_mailbox", byRecipient.get("taro@example.jp").getString("category"));
            assertEquals("suppressed", byRecipient.get("taro@example.jp").getString("effect"));
            assertEquals("mailbox_full", byRecipient.get("hanako@example.com").getString("category"));
            assertEquals("reputation_block", byRecipient.values().stream()
                    .filter(o -> o.getJsonObject("recipient").getString("address").equalsIgnoreCase("jiro@example.jp"))
                    .findFirst().orElseThrow().getString("category"));
            for (JsonObject o : out) {
                assertEquals(in, o.getJsonObject("source").getString("topic"));
                assertFalse(o.getBoolean("duplicate"));
            }
            assertEquals("suppressed", ledger.view(EmailAddress.parse("taro@example.jp"), 10, 10).orElseThrow()
                    .recipient().state().id());
            assertEquals(1, ledger.view(EmailAddress.parse("hanako@example.com"), 10, 10).orElseThrow()
                    .events().size());
        }
    }

    @Test
    void aRecordThatCanNeverBeHandledGoesToTheDeadLetterTopicAndTheStreamGoesOn(@TempDir Path data)
            throws Exception {
        String in = "poison-in";
        broker.createTopics(1, in, "poison-out", "poison-dead");
        try (Ledger ledger = Ledger.open(new LedgerConfig(data, null, null, null, 90));
             BounceStream stream = start(new StreamConfig(broker.bootstrapServers(), in, "poison-out", "poison-dead",
                     "poison-group", Duration.ofMillis(200), 4), StreamInput.JSON, null, ledger)) {
            produce(in, List.of("this is not JSON at all",
                    new JsonObject().put("smtpCode", 550).put("diagnostic", "550 5.1.1 User unknown").encode(),
                    bounce("after@example.jp", "550 5.1.1 User unknown")));
            List<ConsumerRecord<byte[], byte[]>> dead = consumeRecords("poison-dead", "poison-reader", 2);
            assertEquals("this is not JSON at all", new String(dead.get(0).value(), StandardCharsets.UTF_8));
            assertEquals("malformed_json", header(dead.get(0), BounceStream.HEADER_ERROR));
            assertEquals(in + "/0@0", header(dead.get(0), BounceStream.HEADER_SOURCE));
            assertEquals("missing_field", header(dead.get(1), BounceStream.HEADER_ERROR));
            assertTrue(header(dead.get(1), BounceStream.HEADER_MESSAGE).contains("recipient"),
                    header(dead.get(1), BounceStream.HEADER_MESSAGE));
            List<JsonObject> out = consume("poison-out", "poison-out-reader", 1);
            assertEquals("after@example.jp", out.get(0).getJsonObject("recipient").getString("address"));
            assertEquals(2L, offsetOf(out.get(0)));
        }
    }

    @Test
    void deferralsOfOneQueuedMessageCountOnceAndADeliveryEndsTheRun(@TempDir Path data) throws Exception {
        String in = "log-in";
        broker.createTopics(1, in, "log-out", "log-dead");
        String deferral = "Dec  6 10:%02d:01 mx1 postfix/smtp[4242]: 3F1A2B: to=<kenji@example.jp>, "
                + "relay=mx.example.jp[192.0.2.10]:25, delay=%d, delays=0/0/0/1, dsn=4.2.2, status=deferred "
                + "(host mx.example.jp[192.0.2.10] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))";
        try (Ledger ledger = Ledger.open(new LedgerConfig(data, null, null, null, 90));
             BounceStream stream = start(new StreamConfig(broker.bootstrapServers(), in, "log-out", "log-dead",
                     "log-group", Duration.ofMillis(200), 4), StreamInput.LOG, LogFormat.POSTFIX, ledger)) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                lines.add(String.format(deferral, i, 60 * i + 1));
            }
            lines.add("Dec  6 10:07:00 mx1 postfix/qmgr[99]: 3F1A2B: removed");
            produce(in, lines);
            List<JsonObject> out = consume("log-out", "log-reader", 6);
            assertEquals("mailbox_full", out.get(0).getString("category"));
            assertEquals(1, out.stream().filter(o -> !o.getBoolean("duplicate")).count(),
                    "six deferrals of queue id 3F1A2B are one send");
            assertEquals(1, ledger.view(EmailAddress.parse("kenji@example.jp"), 10, 10).orElseThrow().recipient()
                    .consecutiveSoftBounces());
        }
    }

    @Test
    void aRawBounceEmailGivesOneAnswerPerFailedRecipientAndCountsOnceWhenSentTwice(@TempDir Path data)
            throws Exception {
        String in = "mail-in";
        broker.createTopics(1, in, "mail-out", "mail-dead");
        byte[] dsn = java.nio.file.Files.readAllBytes(Path.of("src/test/resources/bounces/amazonses/dsn-two-recipients.eml"));
        try (Ledger ledger = Ledger.open(new LedgerConfig(data, null, null, null, 90));
             BounceStream stream = start(new StreamConfig(broker.bootstrapServers(), in, "mail-out", "mail-dead",
                     "mail-group", Duration.ofMillis(200), 4), StreamInput.MESSAGE, null, ledger);
             KafkaProducer<byte[], byte[]> producer = producer()) {
            // the same e-mail twice, as a return path that received it twice would pass it on
            producer.send(new ProducerRecord<>(in, dsn)).get();
            producer.send(new ProducerRecord<>(in, dsn)).get();
            List<JsonObject> out = consume("mail-out", "mail-reader", 4);
            Map<String, String> categories = new HashMap<>();
            out.forEach(o -> categories.put(o.getJsonObject("recipient").getString("address"), o.getString("category")));
            assertEquals(Map.of("suda.k@example.com", "bad_mailbox", "honda.ai@example.net", "reputation_block"),
                    categories);
            assertEquals(2, out.stream().filter(o -> o.getBoolean("duplicate")).count(), "the second copy counts once");
            assertEquals("dsn", out.get(0).getString("messageKind"));
            assertEquals(1, ledger.view(EmailAddress.parse("honda.ai@example.net"), 10, 10).orElseThrow()
                    .events().size());
        }
    }

    @Test
    void killingOneOfTwoInstancesMidStreamLosesAndDoubleCountsNothing(@TempDir Path tmp) throws Exception {
        String in = "fleet-in";
        broker.createTopics(4, in, "fleet-out", "fleet-dead");
        String url = PostgresServer.shared().newDatabase();
        Map<String, String> env = Map.of("BOUNCE_DB_USER", PostgresServer.user());
        String[] options = {"--db-url", url, "--no-rules-gate", "--no-watch", "--bootstrap-servers",
                broker.bootstrapServers(), "--in", in, "--out", "fleet-out", "--dead-letter", "fleet-dead",
                "--group", "fleet", "--retry-backoff-ms", "200"};
        int recipients = 40;
        int perRecipient = 5;
        try (ServiceProcess a = ServiceProcess.start("stream", tmp.resolve("a.log"), env, options);
             ServiceProcess b = ServiceProcess.start("stream", tmp.resolve("b.log"), env, options)) {
            List<String> events = new ArrayList<>();
            for (int round = 0; round < perRecipient; round++) {
                for (int r = 0; r < recipients; r++) {
                    // soft bounces: each recipient's run must count exactly its own events
                    events.add(bounce("fleet" + r + "@example.jp", "450 4.2.1 Mailbox temporarily unavailable, "
                            + "try again later"));
                }
            }
            int total = events.size();
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                for (int i = 0; i < total; i++) {
                    producer.send(new ProducerRecord<>(in, ("k" + (i % recipients)).getBytes(StandardCharsets.UTF_8),
                            events.get(i).getBytes(StandardCharsets.UTF_8)));
                    if (i == total / 3) {
                        producer.flush();
                        // let both instances get partitions and work, then kill one without warning
                        waitFor("fleet-out", "fleet-mid", o -> true, 20);
                        a.kill();
                    }
                    if (i % 20 == 0) {
                        producer.flush();
                        Thread.sleep(20);
                    }
                }
            }
            List<JsonObject> answers = waitForSources("fleet-out", "fleet-check", total);
            Set<String> firsts = new HashSet<>();
            for (JsonObject o : answers) {
                if (!o.getBoolean("duplicate")) {
                    assertTrue(firsts.add(source(o)), "recorded twice: " + o.encode());
                }
            }
            // every record has an answer (above) and none was recorded twice (the loop); a record the
            // killed instance recorded but did not get to answer is answered by the survivor as a
            // duplicate, so the ledger's own count below is what proves nothing was lost
            try (Ledger ledger = Ledger.open(new LedgerConfig(null, url, PostgresServer.user(), null, 90))) {
                for (int r = 0; r < recipients; r++) {
                    Ledger.RecipientView v = ledger.view(EmailAddress.parse("fleet" + r + "@example.jp"), 100, 0)
                            .orElseThrow();
                    assertEquals(perRecipient, v.events().size(), "events of fleet" + r);
                }
            }
            String metrics = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(b.url("/metrics"))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("bounce_stream_lag_records 0.0"), "all handled, no lag: " + metrics);
            assertTrue(metrics.contains("bounce_stream_records_total{outcome=\"classified\"}"), metrics);
            assertTrue(metrics.contains("bounce_rules_info{version=\""), metrics);
            // both worked before the kill, and the survivor took over all four partitions after it
            assertTrue(a.log().matches("(?s).*partitions assigned \\[fleet-in-.*"), a.log());
            assertTrue(b.log().lines().anyMatch(l -> l.contains("partitions assigned")
                    && List.of("fleet-in-0", "fleet-in-1", "fleet-in-2", "fleet-in-3").stream().allMatch(l::contains)),
                    b.log());
        }
    }

    private static String source(JsonObject o) {
        JsonObject s = o.getJsonObject("source");
        return s.getString("topic") + "/" + s.getInteger("partition") + "@" + s.getLong("offset");
    }

    private static long offsetOf(JsonObject o) {
        return o.getJsonObject("source").getLong("offset");
    }

    private static BounceStream start(StreamConfig config, StreamInput input, LogFormat format, Ledger ledger) {
        BounceStream stream = BounceStream.create(config, input, format, TestRules::bundled, ledger, "en",
                new SimpleMeterRegistry());
        Thread t = new Thread(stream, "stream-under-test");
        t.start();
        return stream;
    }

    private static String bounce(String recipient, String diagnostic) {
        return new JsonObject().put("recipient", recipient).put("diagnostic", diagnostic).encode();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(broker.clientProperties(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void produce(String topic, List<String> values) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (String v : values) {
                // one key: one partition, so the records keep their order
                producer.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8),
                        v.getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String group) {
        var p = broker.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<ConsumerRecord<byte[], byte[]>> consumeRecords(String topic, String group, int count) {
        List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer(group)) {
            c.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + WAIT.toMillis();
            while (got.size() < count && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(300)).forEach(got::add);
            }
        }
        assertEquals(count, got.size(), "records in " + topic);
        return got;
    }

    private static List<JsonObject> consume(String topic, String group, int count) {
        return consumeRecords(topic, group, count).stream()
                .map(r -> new JsonObject(new String(r.value(), StandardCharsets.UTF_8))).toList();
    }

    private static void waitFor(String topic, String group, Predicate<JsonObject> which, int count) {
        int seen = 0;
        try (KafkaConsumer<byte[], byte[]> c = consumer(group)) {
            c.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + WAIT.toMillis();
            while (seen < count && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(300))) {
                    if (which.test(new JsonObject(new String(r.value(), StandardCharsets.UTF_8)))) {
                        seen++;
                    }
                }
            }
        }
        assertTrue(seen >= count, "only " + seen + " answers in " + topic);
    }

    /** Reads the out topic until every one of {@code total} input records has at least one answer. */
    private static List<JsonObject> waitForSources(String topic, String group, int total) {
        List<JsonObject> all = new ArrayList<>();
        Set<String> sources = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer(group)) {
            c.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + WAIT.toMillis();
            while (sources.size() < total && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(300))) {
                    JsonObject o = new JsonObject(new String(r.value(), StandardCharsets.UTF_8));
                    all.add(o);
                    sources.add(source(o));
                }
            }
        }
        assertEquals(total, sources.size(), "input records with an answer");
        return all;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
