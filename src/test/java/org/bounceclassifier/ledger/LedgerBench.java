package org.bounceclassifier.ledger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load client for a running service (not a test): how many bounces per second
 * {@code POST /v1/bounces} records, and how long {@code POST /v1/suppressions/check} takes for
 * 10,000 addresses. Only the JDK: runs without a build as
 * {@code java src/test/java/org/bounceclassifier/ledger/LedgerBench.java --url http://127.0.0.1:PORT};
 * scripts/ledger-bench.sh starts a service and runs it. Loopback only, bounded in time.
 *
 * <p>Options: {@code --url}, {@code --seconds} of measured recording (after as long again of
 * warm-up at the same load), {@code --clients} (requests in flight), {@code --recipients} the load
 * spreads over, {@code --checks} (number of timed check calls).
 */
public final class LedgerBench {
    private static final int CHECK_SIZE = 10_000;
    /** One address in this many of a check list is suppressed beforehand. */
    private static final int SUPPRESSED_EVERY = 10;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LedgerBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = option(args, "--url", null);
        if (url == null || !(url.startsWith("http://127.0.0.1:") || url.startsWith("http://localhost:"))) {
            System.err.println("usage: LedgerBench --url http://127.0.0.1:PORT [--seconds 20] [--clients 32]"
                    + " [--recipients 5000] [--checks 50]  (loopback only)");
            System.exit(2);
        }
        int seconds = Integer.parseInt(option(args, "--seconds", "20"));
        int clients = Integer.parseInt(option(args, "--clients", "32"));
        int recipients = Integer.parseInt(option(args, "--recipients", "5000"));
        int checks = Integer.parseInt(option(args, "--checks", "50"));
        String run = Long.toString(System.currentTimeMillis(), Character.MAX_RADIX);

        record(url, run + "w", clients, recipients, seconds);
        Result recorded = record(url, run + "m", clients, recipients, seconds);
        System.out.printf("record: %d bounces in %d s with %d clients: %.0f events/s, latency p50 %.1f ms,"
                        + " p99 %.1f ms, errors %d%n", recorded.count, seconds, clients,
                recorded.count / (double) seconds, recorded.percentile(50), recorded.percentile(99), recorded.errors);

        List<String> list = prepareCheckList(url, run, clients);
        String body = "{\"addresses\": [\"" + String.join("\", \"", list) + "\"]}";
        long[] nanos = new long[checks];
        int found = -1;
        for (int i = -checks / 5; i < checks; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = post(url + "/v1/suppressions/check", body);
            long took = System.nanoTime() - t0;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("check answered " + r.statusCode() + ": " + r.body());
            }
            found = count(r.body(), "\"suppressedAt\"");
            if (i >= 0) {
                nanos[i] = took;
            }
        }
        Result checked = new Result(nanos, checks, 0);
        System.out.printf("check: %d addresses (%d suppressed) per call, %d calls: p50 %.1f ms, p99 %.1f ms%n",
                CHECK_SIZE, found, checks, checked.percentile(50), checked.percentile(99));
    }

    private record Result(long[] nanos, int count, long errors) {
        double percentile(int p) {
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
        }
    }

    /** Soft bounces (four in five) and hard bounces from {@code clients} loops for {@code seconds}. */
    private static Result record(String url, String prefix, int clients, int recipients, int seconds)
            throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong errors = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> loops = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            loops.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    String id = prefix + "-" + client + "-" + n;
                    int r = (int) ((client * 7919L + n * 104729L) % recipients);
                    boolean hard = n % 5 == 4;
                    String body = "{\"eventId\": \"" + id + "\", \"recipient\": \"b" + prefix + r + "@bench.example\","
                            + (hard ? " \"smtpCode\": 550, \"enhancedStatus\": \"5.1.1\", \"diagnostic\": \"550 5.1.1 User unknown\"}"
                                    : " \"smtpCode\": 452, \"enhancedStatus\": \"4.2.2\", \"diagnostic\": \"452 4.2.2 Mailbox full\"}");
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = post(url + "/v1/bounces", body);
                    if (response.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : loops) {
            all.add(f.get());
        }
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).toArray();
        return new Result(merged, merged.length, errors.get());
    }

    /** 10,000 addresses, one in ten suppressed by a hard bounce first. */
    private static List<String> prepareCheckList(String url, String run, int clients) throws Exception {
        List<String> list = new ArrayList<>(CHECK_SIZE);
        for (int i = 0; i < CHECK_SIZE; i++) {
            list.add("c" + run + "-" + i + "@check.example");
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < CHECK_SIZE; i += SUPPRESSED_EVERY) {
            String address = list.get(i);
            done.add(pool.submit(() -> post(url + "/v1/bounces", "{\"recipient\": \"" + address
                    + "\", \"smtpCode\": 550, \"enhancedStatus\": \"5.1.1\", \"diagnostic\": \"User unknown\"}")
                    .statusCode()));
        }
        for (Future<Integer> f : done) {
            if (f.get() != 200) {
                throw new IllegalStateException("could not suppress the check list's addresses");
            }
        }
        pool.shutdown();
        return list;
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
