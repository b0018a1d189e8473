package org.bounceclassifier.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.engine.Evidence;
import org.bounceclassifier.ledger.ReceiverCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Traffic by receiving provider: each classification is counted under its hour, its provider
 * family ({@link ReceiverFamilies}) and its category, and the traffic screen reads the last hours
 * back with the spike mark ({@link SpikeRule}).
 *
 * <p>Counting costs one map update under a short lock; the counts go to their store
 * ({@link ReceiverCounts}: the ledger's database, or memory) in batches, every
 * {@code flushInterval} on a thread of its own, so no request waits for the database. Counts not
 * written yet are added to what a report reads, so the screen is current; a batch that fails is
 * kept and written with the next one.
 */
public final class ReceiverTraffic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiverTraffic.class);
    /** Hours a report may cover: a month. */
    public static final int MAX_HOURS = 24 * 31;
    /** Counts waiting for the store; past this many keys (the store down for long) new ones are dropped and logged. */
    static final int MAX_PENDING = 50_000;
    private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private record Key(Instant hour, String provider, String category) {
    }

    /** Classifications of one window and how many of them were blocks or deferrals. */
    public record Window(Instant from, Instant to, long total, long blocked) {
        public double share() {
            return SpikeRule.share(blocked, total);
        }
    }

    /**
     * One provider family over the report's hours.
     *
     * @param counts classifications per category over the report's hours, most frequent first
     * @param hourly classifications per hour, aligned with {@link Report#hours()}
     * @param blockedHourly blocks and deferrals per hour, aligned the same way
     */
    public record Provider(String id, String name, long total, Map<String, Long> counts, long[] hourly,
                           long[] blockedHourly, Window recent, Window baseline, boolean spike) {
    }

    /**
     * @param hours the start of each hour reported, oldest first, the current (partial) one last
     * @param storage where the counts are kept: {@code ledger} or {@code memory}
     * @param providers the families with traffic in the report's hours or the recent window: marked
     *     ones first, then by their count
     */
    public record Report(Instant at, List<Instant> hours, String storage, Duration retention, SpikeRule rule,
                         List<Provider> providers) {
    }

    private final ReceiverFamilies families;
    private final ReceiverCounts store;
    private final Clock clock;
    private final Duration retention;
    private final Map<Key, Long> pending = new HashMap<>();
    private long dropped;
    private ScheduledExecutorService writer;

    public ReceiverTraffic(ReceiverFamilies families, ReceiverCounts store, Clock clock, Duration retention) {
        this.families = families;
        this.store = store;
        this.clock = clock;
        this.retention = retention;
    }

    /** Counts in memory, for a service without a ledger. */
    public static ReceiverTraffic inMemory(ReceiverFamilies families, Duration retention) {
        return new ReceiverTraffic(families, new MemoryReceiverCounts(), Clock.systemUTC(), retention);
    }

    public ReceiverFamilies families() {
        return families;
    }

    /** Counts one classification; one that names neither recipient nor remote MTA has no receiver and is skipped. */
    public void record(Category category, Evidence evidence) {
        if (evidence == null) {
            return;
        }
        String provider = families.familyOf(evidence.getRemoteMta(), evidence.getRecipientDomain());
        if (provider == null) {
            return;
        }
        Key key = new Key(hourOf(clock.instant()), provider, category.id());
        boolean full;
        synchronized (this) {
            if (pending.size() >= MAX_PENDING && !pending.containsKey(key)) {
                dropped++;
                return;
            }
            pending.merge(key, 1L, Long::sum);
            // without the writer thread (a service without a ledger, a test) memory stays bounded
            full = writer == null && pending.size() >= MAX_PENDING / 2;
        }
        if (full) {
            flush();
        }
    }

    /** Writes the counts waiting; on failure they stay waiting for the next flush. */
    public void flush() {
        Map<Key, Long> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new HashMap<>(pending);
            pending.clear();
        }
        List<ReceiverCounts.HourCount> counts = new ArrayList<>(batch.size());
        batch.forEach((k, n) -> counts.add(new ReceiverCounts.HourCount(k.hour(), k.provider(), k.category(), n)));
        try {
            store.add(counts);
        } catch (RuntimeException e) {
            synchronized (this) {
                batch.forEach((k, n) -> {
                    if (pending.size() < MAX_PENDING || pending.containsKey(k)) {
                        pending.merge(k, n, Long::sum);
                    } else {
                        dropped += n;
                    }
                });
            }
            LOG.warn("traffic by receiver: {} counts not written yet, kept for the next try: {}", counts.size(),
                    e.getMessage());
        }
    }

    /** Deletes the hours older than the retention. */
    public long purge() {
        return store.purgeBefore(hourOf(clock.instant()).minus(retention));
    }

    /** Writes every {@code flushInterval}, and purges old hours every hour, on a thread of its own. */
    public synchronized void start(Duration flushInterval) {
        if (writer != null) {
            return;
        }
        writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "receiver-traffic");
            t.setDaemon(true);
            return t;
        });
        writer.scheduleWithFixedDelay(this::flush, flushInterval.toMillis(), flushInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        writer.scheduleWithFixedDelay(() -> {
            try {
                long n = purge();
                if (n > 0) {
                    LOG.info("traffic by receiver: {} rows older than {} days deleted", n, retention.toDays());
                }
            } catch (RuntimeException e) {
                LOG.warn("traffic by receiver: purging old hours failed, tried again in an hour: {}", e.getMessage());
            }
        }, 0, PURGE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the writer and writes what is left: call before the store closes. */
    @Override
    public void close() {
        ScheduledExecutorService w;
        synchronized (this) {
            w = writer;
            writer = null;
        }
        if (w != null) {
            w.shutdown();
            try {
                w.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
        if (dropped > 0) {
            LOG.warn("traffic by receiver: {} classifications were not counted (the store was down too long)", dropped);
        }
    }

    public String storage() {
        return store.storage();
    }

    /**
     * The last {@code hours} hours (the current one included), each provider's counts, and the spike
     * mark. Reads the store: call off the event loop.
     */
    public Report report(int hours) {
        if (hours < 1 || hours > MAX_HOURS) {
            throw new IllegalArgumentException("hours must be from 1 to " + MAX_HOURS);
        }
        Instant now = clock.instant();
        SpikeRule rule = families.spikeRule();
        Instant current = hourOf(now);
        Instant first = current.minus(hours - 1L, ChronoUnit.HOURS);
        Instant recentFrom = current.minus(rule.recentHours() - 1L, ChronoUnit.HOURS);
        Instant baselineFrom = recentFrom.minus(rule.baselineHours(), ChronoUnit.HOURS);
        Instant readFrom = first.isBefore(baselineFrom) ? first : baselineFrom;

        Map<Key, Long> all = new HashMap<>();
        for (ReceiverCounts.HourCount n : store.since(readFrom)) {
            all.merge(new Key(n.hour(), n.provider(), n.category()), n.count(), Long::sum);
        }
        synchronized (this) {
            pending.forEach((k, n) -> {
                if (!k.hour().isBefore(readFrom)) {
                    all.merge(k, n, Long::sum);
                }
            });
        }
        Map<String, Tally> byProvider = new HashMap<>();
        for (Map.Entry<Key, Long> e : all.entrySet()) {
            Key k = e.getKey();
            long n = e.getValue();
            Tally t = byProvider.computeIfAbsent(k.provider(), p -> new Tally(hours, rule.recentHours()));
            boolean blocked = rule.counts(k.category());
            if (!k.hour().isBefore(first)) {
                int index = (int) ChronoUnit.HOURS.between(first, k.hour());
                if (index < hours) {
                    t.total += n;
                    t.counts.merge(k.category(), n, Long::sum);
                    t.hourly[index] += n;
                    if (blocked) {
                        t.blockedHourly[index] += n;
                    }
                }
            }
            if (!k.hour().isBefore(recentFrom) && !k.hour().isAfter(current)) {
                int index = (int) ChronoUnit.HOURS.between(recentFrom, k.hour());
                t.recentTotal[index] += n;
                t.recentBlocked[index] += blocked ? n : 0;
            } else if (!k.hour().isBefore(baselineFrom) && k.hour().isBefore(recentFrom)) {
                t.baselineTotal += n;
                t.baselineBlocked += blocked ? n : 0;
            }
        }
        List<Provider> providers = new ArrayList<>();
        byProvider.forEach((id, t) -> {
            Window recent = worstRecentHour(t, rule, recentFrom);
            if (t.total == 0 && recent.total() == 0) {
                return;
            }
            Window baseline = new Window(baselineFrom, recentFrom, t.baselineTotal, t.baselineBlocked);
            providers.add(new Provider(id, families.nameOf(id), t.total, byCountDescending(t.counts), t.hourly,
                    t.blockedHourly, recent, baseline,
                    rule.isSpike(recent.blocked(), recent.total(), baseline.blocked(), baseline.total())));
        });
        providers.sort(Comparator.comparing((Provider p) -> !p.spike())
                .thenComparing(Comparator.comparingLong(Provider::total).reversed())
                .thenComparing(p -> families.orderOf(p.id())));
        List<Instant> hourStarts = new ArrayList<>(hours);
        for (int i = 0; i < hours; i++) {
            hourStarts.add(first.plus(i, ChronoUnit.HOURS));
        }
        return new Report(now, List.copyOf(hourStarts), store.storage(), retention, rule, List.copyOf(providers));
    }

    /**
     * The recent hour a mark is judged on: each recent hour is taken on its own, so a burst is not
     * diluted by a calm hour before it; of those with at least the minimum of blocks, the one with
     * the highest share, else the current hour.
     */
    private static Window worstRecentHour(Tally t, SpikeRule rule, Instant recentFrom) {
        int worst = t.recentTotal.length - 1;
        double worstShare = -1;
        for (int i = 0; i < t.recentTotal.length; i++) {
            double share = SpikeRule.share(t.recentBlocked[i], t.recentTotal[i]);
            if (t.recentBlocked[i] >= rule.minimum() && share > worstShare) {
                worst = i;
                worstShare = share;
            }
        }
        Instant from = recentFrom.plus(worst, ChronoUnit.HOURS);
        return new Window(from, from.plus(1, ChronoUnit.HOURS), t.recentTotal[worst], t.recentBlocked[worst]);
    }

    private static final class Tally {
        long total;
        final Map<String, Long> counts = new HashMap<>();
        final long[] hourly;
        final long[] blockedHourly;
        /** Per recent hour, oldest first, the current one last. */
        final long[] recentTotal;
        final long[] recentBlocked;
        long baselineTotal;
        long baselineBlocked;

        Tally(int hours, int recentHours) {
            hourly = new long[hours];
            blockedHourly = new long[hours];
            recentTotal = new long[recentHours];
            recentBlocked = new long[recentHours];
        }
    }

    private static Map<String, Long> byCountDescending(Map<String, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    static Instant hourOf(Instant t) {
        return t.truncatedTo(ChronoUnit.HOURS);
    }
}
