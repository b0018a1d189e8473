package org.bounceclassifier.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bounceclassifier.ledger.ReceiverCounts;

/**
 * {@link ReceiverCounts} in this process's memory, for a service without a ledger: lost at a
 * restart and seen by this instance only (the traffic report says {@code "storage": "memory"}).
 * Bounded by the retention: older hours are dropped as new ones come.
 */
public final class MemoryReceiverCounts implements ReceiverCounts {
    private record Key(Instant hour, String provider, String category) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = hour.compareTo(o.hour);
            c = c != 0 ? c : provider.compareTo(o.provider);
            return c != 0 ? c : category.compareTo(o.category);
        }
    }

    private final TreeMap<Key, Long> counts = new TreeMap<>();

    @Override
    public synchronized void add(List<HourCount> batch) {
        for (HourCount n : batch) {
            counts.merge(new Key(n.hour(), n.provider(), n.category()), n.count(), Long::sum);
        }
    }

    @Override
    public synchronized List<HourCount> since(Instant from) {
        List<HourCount> out = new ArrayList<>();
        for (Map.Entry<Key, Long> e : counts.tailMap(new Key(from, "", ""), true).entrySet()) {
            Key k = e.getKey();
            out.add(new HourCount(k.hour(), k.provider(), k.category(), e.getValue()));
        }
        return out;
    }

    @Override
    public synchronized long purgeBefore(Instant cutoff) {
        Map<Key, Long> old = counts.headMap(new Key(cutoff, "", ""), false);
        long n = old.size();
        old.clear();
        return n;
    }

    @Override
    public String storage() {
        return "memory";
    }
}
