package org.bounceclassifier.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.engine.Evidence;
import org.bounceclassifier.ledger.TrafficSampleEntry;
import org.bounceclassifier.ledger.TrafficSampleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded, privacy-safe sample of recent real inputs (issue 18): each distinct input the rules
 * were given (codes, the text with addresses' local parts hidden, the receiving domain, the DSN
 * action, the reporting MTA, the run of soft bounces), with how many bounces brought it. A rule
 * reload measures its impact on it ({@link RuleImpact}); {@code GET /v1/traffic/sample.ndjson}
 * exports it for {@code validate --impact}.
 *
 * <p>Recording is a map merge on the caller's thread; a thread of its own writes what was counted
 * every {@link #FLUSH_INTERVAL} in one transaction, so a request never waits for the database.
 * Kept in the ledger's database when there is one ({@link #keepIn}), else in memory.
 */
public final class TrafficSample implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrafficSample.class);
    /** Distinct inputs kept by default: a reload classifies each twice, about a second on two cores. */
    public static final int DEFAULT_MAX_ENTRIES = 2_000;
    /** Days an input stays without being seen again, by default: "last week's bounces". */
    public static final int DEFAULT_DAYS = 7;
    /** Characters of a text kept: the ledger's bound for the receiver's text. */
    static final int MAX_TEXT_CHARS = 2_000;
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

    private final Clock clock;
    private final ConcurrentHashMap<String, TrafficSampleEntry> pending = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private volatile TrafficSampleStore store = new MemoryTrafficSampleStore();
    private volatile boolean inLedger;
    private volatile int maxEntries = DEFAULT_MAX_ENTRIES;
    private volatile Duration retention = Duration.ofDays(DEFAULT_DAYS);
    private volatile ScheduledExecutorService flusher;

    public TrafficSample() {
        this(Clock.systemUTC());
    }

    public TrafficSample(Clock clock) {
        this.clock = clock;
    }

    /** Sets the limits: at most {@code maxEntries} distinct inputs, each kept {@code days} after it was last seen. */
    public void limits(int maxEntries, int days) {
        if (maxEntries < 1 || days < 1) {
            throw new IllegalArgumentException("the traffic sample needs at least 1 entry and 1 day");
        }
        this.maxEntries = maxEntries;
        this.retention = Duration.ofDays(days);
    }

    /** Keeps the sample in the ledger's database from now on (what memory held so far moves there). */
    public synchronized void keepIn(TrafficSampleStore ledgerStore) {
        flush();
        List<TrafficSampleEntry> held = store.read(maxEntries, Instant.EPOCH);
        this.store = ledgerStore;
        this.inLedger = true;
        if (!held.isEmpty()) {
            ledgerStore.add(held, maxEntries, clock.instant().minus(retention));
        }
    }

    public boolean inLedger() {
        return inLedger;
    }

    public int maxEntries() {
        return maxEntries;
    }

    public Duration retention() {
        return retention;
    }

    /** Counts one answer's input; cheap, never blocks on the database. */
    public void record(Classification c) {
        Evidence ev = c.evidence();
        if (ev == null) {
            return;
        }
        String text = ev.getDiagnostic();
        if (text != null && text.length() > MAX_TEXT_CHARS) {
            text = text.substring(0, MAX_TEXT_CHARS);
        }
        text = text == null || text.isBlank() ? null : AddressMask.hideLocalParts(text);
        Instant now = clock.instant();
        TrafficSampleEntry entry = new TrafficSampleEntry(ev.hasSmtpCode() ? ev.getSmtpCode() : null,
                ev.getEnhancedStatus(), text, ev.getRecipientDomain(), ev.getRemoteMta(), ev.getDsnAction(),
                ev.getConsecutiveSoftBounces(), 1, now, now);
        String key = entry.smtpCode() + "\u0000" + entry.enhancedStatus() + "\u0000" + text + "\u0000"
                + entry.recipientDomain() + "\u0000" + entry.remoteMta() + "\u0000" + entry.dsnAction() + "\u0000"
                + entry.softBounces();
        if (pending.size() >= maxEntries && !pending.containsKey(key)) {
            // a flood of distinct texts between two writes: the sample is bounded, the rest is not kept
            dropped.incrementAndGet();
            return;
        }
        pending.merge(key, entry, (held, more) -> held.plus(more.count(), more.lastSeen()));
        startFlusher();
    }

    /** Inputs counted but not kept because more distinct ones than the sample holds came between two writes. */
    public long dropped() {
        return dropped.get();
    }

    /** The sample now (what was counted so far included), the most recently seen first. */
    public synchronized List<TrafficSampleEntry> entries() {
        flush();
        return store.read(maxEntries, clock.instant().minus(retention));
    }

    /** Writes what was counted since the last write. */
    synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<TrafficSampleEntry> counted = new ArrayList<>(pending.size());
        for (String key : List.copyOf(pending.keySet())) {
            TrafficSampleEntry e = pending.remove(key);
            if (e != null) {
                counted.add(e);
            }
        }
        store.add(counted, maxEntries, clock.instant().minus(retention));
    }

    private void startFlusher() {
        if (flusher != null) {
            return;
        }
        synchronized (pending) {
            if (flusher != null) {
                return;
            }
            ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "traffic-sample");
                t.setDaemon(true);
                return t;
            });
            s.scheduleWithFixedDelay(() -> {
                try {
                    flush();
                } catch (RuntimeException e) {
                    // the sample is a measuring aid: a failed write loses one second of counts, nothing else
                    LOG.warn("writing the traffic sample failed: {}", e.getMessage());
                }
            }, FLUSH_INTERVAL.toMillis(), FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            flusher = s;
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService s = flusher;
        if (s != null) {
            s.shutdownNow();
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("writing the traffic sample at shutdown failed: {}", e.getMessage());
        }
    }
}
