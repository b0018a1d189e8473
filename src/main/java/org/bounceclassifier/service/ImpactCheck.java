package org.bounceclassifier.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.ledger.TrafficSampleEntry;

/**
 * How a candidate rule set is measured before it may serve: on the traffic sample, and in a
 * bounded dry run of the ledger (the recipients with events within the sample's retention, at
 * most {@link #LEDGER_RECIPIENTS}), against an optional limit ({@code --max-impact}). A reload
 * compares with the serving set; {@code validate --impact} with a baseline rules directory and an
 * exported sample, through the same {@link CurrentRules#load} path.
 */
public final class ImpactCheck {
    /** Recipients a reload re-evaluates at most: their whole histories, so a reload stays quick. */
    public static final int LEDGER_RECIPIENTS = 1_000;

    private final Supplier<List<TrafficSampleEntry>> sample;
    private final Ledger ledger;
    private final Duration ledgerWindow;
    private final Double maxImpactPercent;
    private final RuleSet baseline;

    private ImpactCheck(Supplier<List<TrafficSampleEntry>> sample, Ledger ledger, Duration ledgerWindow,
                        Double maxImpactPercent, RuleSet baseline) {
        this.sample = sample;
        this.ledger = ledger;
        this.ledgerWindow = ledgerWindow;
        this.maxImpactPercent = maxImpactPercent;
        this.baseline = baseline;
    }

    /**
     * A running service's check: against the serving set, on the live sample and the ledger.
     *
     * @param ledger the ledger to dry-run, or null
     * @param maxImpactPercent refuse a reload that changes more than this percentage of the sample's answers, or null
     */
    public ImpactCheck(TrafficSample sample, Ledger ledger, Double maxImpactPercent) {
        this(sample::entries, ledger, sample.retention(), maxImpactPercent, null);
    }

    /** An offline check ({@code validate --impact}): against {@code baseline}, on an exported sample, no ledger. */
    public static ImpactCheck offline(RuleSet baseline, List<TrafficSampleEntry> sample, Double maxImpactPercent) {
        return new ImpactCheck(() -> sample, null, null, maxImpactPercent, baseline);
    }

    /** The set to compare with: the fixed baseline, else the serving set (null: nothing to compare). */
    RuleSet baselineOr(RuleSet serving) {
        return baseline != null ? baseline : serving;
    }

    public RuleImpact.Report measure(RuleSet serving, RuleSet candidate) {
        long t0 = System.nanoTime();
        List<TrafficSampleEntry> entries;
        try {
            entries = sample.get();
        } catch (RuntimeException e) {
            // the database is down: the reload is judged as without a limit, and says so
            return RuleImpact.unmeasured(serving, candidate, maxImpactPercent,
                    "the traffic sample could not be read: " + e.getMessage());
        }
        RuleImpact.Report report = RuleImpact.measure(serving, candidate, entries, maxImpactPercent);
        if (ledger != null) {
            try {
                report = report.withLedger(RuleImpact.LedgerImpact.of(ledger.reevaluateRecent(candidate,
                        Instant.now().minus(ledgerWindow), LEDGER_RECIPIENTS,
                        candidate.messages().languages().iterator().next()), (int) ledgerWindow.toDays(),
                        LEDGER_RECIPIENTS), null);
            } catch (RuntimeException e) {
                report = report.withLedger(null, "the ledger could not be read: " + e.getMessage());
            }
        }
        return report.withMillis((System.nanoTime() - t0) / 1_000_000);
    }
}
