package org.bounceclassifier.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Steady load for a long time with a rule reload every few seconds and bad requests mixed in.
 * Counts what must be zero (any 5xx, any good request that did not get a 200) and samples memory
 * every ten seconds from /metrics: the old generation (where anything that leaks ends up), the
 * whole heap in use and metaspace (where the classes generated for each rule set live), and the
 * process's resident set size from /proc. Prints one line per minute.
 * Run by scripts/soak.sh; loopback only, bounded in time.
 *
 * <p>Arguments: base URL, rules directory (the copy the service watches), seconds, threads,
 * seconds between rule edits, pid of the service.
 */
public final class Soak {
    private static final int SAMPLE_SECONDS = 10;
    private static final int SAMPLES_PER_MINUTE = 60 / SAMPLE_SECONDS;
    /** One request in this many is a bad one. */
    private static final int BAD_EVERY = 10;
    private static final String[] GOOD = {
        "{\"smtpCode\": 550, \"enhancedStatus\": \"5.1.1\", \"diagnostic\": \"550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown in virtual mailbox table\"}",
        "{\"diagnostic\": \"552 5.2.2 Mailbox full\"}",
        "{\"diagnostic\": \"554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org\"}",
        "{\"diagnostic\": \"421 4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address.\"}",
        "{\"smtpCode\": 450, \"diagnostic\": \"greylisted, please try again later\"}",
        "{\"diagnostic\": \"宛先のメールアドレスは存在しません\"}",
    };
    private static final byte[][] BAD = {
        "{\"smtpCode\": 550".getBytes(StandardCharsets.UTF_8),
        "{\"smtpCode\": \"550\"}".getBytes(StandardCharsets.UTF_8),
        "{\"enhancedStatus\": \"5.1\"}".getBytes(StandardCharsets.UTF_8),
        "{\"recipient\": \"nobody@example.jp\"}".getBytes(StandardCharsets.UTF_8),
        "{\"diagnostic\": \"r\u00e9cipient inconnu\"}".getBytes(StandardCharsets.ISO_8859_1),
        "[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]".getBytes(StandardCharsets.UTF_8),
    };

    private record Sample(long oldGen, long usedHeap, long metaspace, long rss) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        Path rules = Path.of(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        int editEvery = Integer.parseInt(args[4]);
        long pid = Long.parseLong(args[5]);
        URI classify = URI.create(base + "/v1/classify");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicLong good = new AtomicLong();
        AtomicLong goodFailed = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        AtomicLong serverErrors = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);

        ExecutorService load = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int offset = t;
            load.submit(() -> {
                for (long n = offset; System.nanoTime() < end; n++) {
                    boolean isBad = n % BAD_EVERY == 0;
                    byte[] body = isBad ? BAD[(int) (n / BAD_EVERY % BAD.length)]
                            : GOOD[(int) (n % GOOD.length)].getBytes(StandardCharsets.UTF_8);
                    HttpRequest request = HttpRequest.newBuilder(classify).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    int status;
                    try {
                        status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException e) {
                        status = 0;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (status >= 500) {
                        serverErrors.incrementAndGet();
                    }
                    if (isBad) {
                        bad.incrementAndGet();
                    } else if (status == 200) {
                        good.incrementAndGet();
                    } else {
                        goodFailed.incrementAndGet();
                    }
                }
            });
        }

        List<Sample> samples = new ArrayList<>();
        int reloads = 0;
        try (RuleEditor editor = new RuleEditor(rules)) {
            long nextEdit = System.nanoTime();
            long nextSample = System.nanoTime();
            while (System.nanoTime() < end) {
                if (System.nanoTime() >= nextEdit) {
                    editor.next();
                    reloads++;
                    nextEdit += TimeUnit.SECONDS.toNanos(editEvery);
                }
                if (System.nanoTime() >= nextSample) {
                    samples.add(sample(client, base, pid));
                    nextSample += TimeUnit.SECONDS.toNanos(SAMPLE_SECONDS);
                }
                Thread.sleep(100);
            }
            load.shutdown();
            load.awaitTermination(60, TimeUnit.SECONDS);
        }

        System.out.printf("%d s, %d threads, a rule edit every %d s (%d edits, good and bad alternating)%n",
                seconds, threads, editEvery, reloads);
        System.out.printf("good requests: %d answered 200, %d not%n", good.get(), goodFailed.get());
        System.out.printf("bad requests: %d (every %dth request)%n", bad.get(), BAD_EVERY);
        System.out.printf("5xx answers: %d%n", serverErrors.get());
        System.out.printf("throughput: %.0f requests/s%n", (good.get() + goodFailed.get() + bad.get()) / (double) seconds);
        System.out.println("minute  old gen  heap used  metaspace    RSS   (MiB, averages of the minute's samples)");
        for (int m = 0; m * SAMPLES_PER_MINUTE < samples.size(); m++) {
            List<Sample> minute = samples.subList(m * SAMPLES_PER_MINUTE,
                    Math.min(samples.size(), (m + 1) * SAMPLES_PER_MINUTE));
            System.out.printf("%6d  %7.1f  %9.1f  %9.1f  %5.1f%n", m + 1,
                    minute.stream().mapToLong(Sample::oldGen).average().orElse(0) / 1048576,
                    minute.stream().mapToLong(Sample::usedHeap).average().orElse(0) / 1048576,
                    minute.stream().mapToLong(Sample::metaspace).average().orElse(0) / 1048576,
                    minute.stream().mapToLong(Sample::rss).average().orElse(0) / 1048576);
        }
        System.exit(serverErrors.get() == 0 && goodFailed.get() == 0 && good.get() > 0 ? 0 : 1);
    }

    private static Sample sample(HttpClient client, String base, long pid) throws IOException, InterruptedException {
        String metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new Sample(sum(metrics, "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"}"),
                sum(metrics, "jvm_memory_used_bytes{area=\"heap\""),
                sum(metrics, "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"}"), rss(pid));
    }

    /** Adds up every Prometheus sample whose line starts with the prefix. */
    private static long sum(String metrics, String prefix) {
        return (long) metrics.lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static long rss(long pid) throws IOException {
        final long kib = 1024;
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * kib)
                .findFirst().orElse(0);
    }
}
