package org.bounceclassifier.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bounceclassifier.ledger.TrafficSampleEntry;
import org.bounceclassifier.ledger.TrafficSampleStore;

/**
 * The traffic sample of a service that runs without a ledger: the same limits as the database's
 * table, in this process's memory only (lost at a restart, not shared with other instances).
 */
final class MemoryTrafficSampleStore implements TrafficSampleStore {
    private final Map<String, TrafficSampleEntry> byKey = new HashMap<>();

    @Override
    public synchronized void add(List<TrafficSampleEntry> counted, int maxEntries, Instant expireBefore) {
        for (TrafficSampleEntry e : counted) {
            byKey.merge(e.key(), e, (stored, more) -> stored.plus(more.count(), more.lastSeen()));
        }
        byKey.values().removeIf(e -> e.lastSeen().isBefore(expireBefore));
        if (byKey.size() > maxEntries) {
            List<TrafficSampleEntry> oldestFirst = new ArrayList<>(byKey.values());
            oldestFirst.sort(Comparator.comparing(TrafficSampleEntry::lastSeen));
            for (int i = 0; i < oldestFirst.size() - maxEntries; i++) {
                byKey.remove(oldestFirst.get(i).key());
            }
        }
    }

    @Override
    public synchronized List<TrafficSampleEntry> read(int max, Instant since) {
        return byKey.values().stream()
                .filter(e -> !e.lastSeen().isBefore(since))
                .sorted(Comparator.comparing(TrafficSampleEntry::lastSeen).reversed()
                        .thenComparing(TrafficSampleEntry::key))
                .limit(max)
                .toList();
    }
}
