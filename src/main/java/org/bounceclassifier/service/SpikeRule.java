package org.bounceclassifier.service;

import java.util.Set;

/**
 * When the traffic screen marks a provider: a sudden rise of blocks or deferrals there, against its
 * own recent past (receiver-families.properties, {@code spike.*}, says it for the experts).
 *
 * @param categories the category ids that count as a block or a deferral
 * @param recentHours the recent hours, each judged on its own: the current hour and the ones before it, this many
 *     in all
 * @param baselineHours the baseline: this many hours just before the recent window
 * @param minimum the fewest blocks and deferrals in the recent window that can raise the mark
 * @param rise how much higher their share must be than the baseline's (0.3: thirty points)
 */
public record SpikeRule(Set<String> categories, int recentHours, int baselineHours, long minimum, double rise) {

    public boolean counts(String category) {
        return categories.contains(category);
    }

    /**
     * @param blocked blocks and deferrals in one recent hour
     * @param total every classification in that hour
     * @param baselineBlocked blocks and deferrals in the baseline
     * @param baselineTotal every classification in the baseline (0: a baseline share of 0)
     */
    public boolean isSpike(long blocked, long total, long baselineBlocked, long baselineTotal) {
        if (blocked < minimum || total == 0) {
            return false;
        }
        return share(blocked, total) - share(baselineBlocked, baselineTotal) >= rise;
    }

    /** A share of 0 when there is nothing to divide. */
    public static double share(long part, long total) {
        return total == 0 ? 0 : (double) part / total;
    }
}
