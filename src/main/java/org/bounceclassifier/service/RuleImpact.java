package org.bounceclassifier.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.engine.RuleEvaluationException;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.ledger.Reevaluation;
import org.bounceclassifier.ledger.TrafficSampleEntry;

/**
 * What a candidate rule set would answer differently from the serving (or baseline) set on the
 * traffic sample: each distinct input is classified by both, and the inputs whose category, bounce
 * type or action differ are grouped by transition, weighted by how many bounces brought them.
 * Nothing is decided here: both answers come from the rules.
 */
public final class RuleImpact {
    /** Example texts kept per transition: enough to see what moved. */
    public static final int EXAMPLES = 3;
    /** What an input the candidate rules fail on (a rule error, a 500 for that input) counts as. */
    public static final String RULE_ERROR = "rule_error";

    private RuleImpact() {
    }

    /** The part of an answer that changes what a sender does. */
    public record Answer(String category, String bounceType, String action) {
        static Answer of(Classification c) {
            return new Answer(c.category().id(), c.bounceType().id(), c.action().id());
        }

        public String describe() {
            return category + "/" + bounceType + "/" + action;
        }
    }

    /** An input that moved, as the sample keeps it (addresses masked). */
    public record Example(String text, Integer smtpCode, String enhancedStatus, String recipientDomain, long count) {
    }

    /** Inputs whose answer changes the same way, with the bounces that brought them. */
    public record Transition(Answer from, Answer to, long inputs, long bounces, List<Example> examples) {
    }

    /**
     * What the ledger would have treated differently: a dry-run re-evaluation with the candidate
     * rules of the recipients with recent events (addresses in examples masked).
     */
    public record LedgerImpact(int days, int maxRecipients, long recipients, long eventsJudged,
                               long eventsThatWouldChange, long wouldSuppress, List<String> wouldSuppressExamples,
                               long wouldRelease, List<String> wouldReleaseExamples, long millis) {
        static LedgerImpact of(Reevaluation.Report r, int days, int maxRecipients) {
            return new LedgerImpact(days, maxRecipients, r.recipients, r.eventsJudged, r.eventsRewritten,
                    r.wouldSuppress.count, r.wouldSuppress.examples.stream().map(AddressMask::mask).toList(),
                    r.wouldRelease.count, r.wouldRelease.examples.stream().map(AddressMask::mask).toList(), r.millis);
        }
    }

    /**
     * @param sampleInputs distinct inputs in the sample
     * @param sampleBounces bounces they stand for (the sum of their counts)
     * @param maxImpactPercent the limit in force, or null
     * @param ledger the ledger's part, or null (no ledger, or it could not be read: {@code ledgerError})
     */
    public record Report(String servingVersion, String candidateVersion, int sampleInputs, long sampleBounces,
                         long changedInputs, long changedBounces, List<Transition> transitions,
                         Double maxImpactPercent, LedgerImpact ledger, String ledgerError, String sampleError,
                         long millis) {
        /** The share of the sample's bounces whose answer changes, 0 to 1 (0 for an empty sample). */
        public double share() {
            return sampleBounces == 0 ? 0 : (double) changedBounces / sampleBounces;
        }

        /** Whether the change is larger than the limit allows. */
        public boolean overLimit() {
            return maxImpactPercent != null && share() * 100 > maxImpactPercent;
        }

        /** Why a reload over the limit is refused, for the report and the log. */
        public String refusal() {
            return String.format(java.util.Locale.ROOT,
                    "the new rules would change %.1f%% of the traffic sample's answers (%d of %d bounces),"
                            + " more than --max-impact %s%%", share() * 100, changedBounces, sampleBounces,
                    ImpactText.percent(maxImpactPercent));
        }

        Report withLedger(LedgerImpact l, String error) {
            return new Report(servingVersion, candidateVersion, sampleInputs, sampleBounces, changedInputs,
                    changedBounces, transitions, maxImpactPercent, l, error, sampleError, millis);
        }

        Report withMillis(long total) {
            return new Report(servingVersion, candidateVersion, sampleInputs, sampleBounces, changedInputs,
                    changedBounces, transitions, maxImpactPercent, ledger, ledgerError, sampleError, total);
        }
    }

    private record Compared(TrafficSampleEntry entry, Answer before, Answer after) {
    }

    /**
     * Classifies every input of the sample with both rule sets (on all cores: a rule set classifies
     * from any number of threads) and tallies what differs.
     */
    public static Report measure(RuleSet serving, RuleSet candidate, List<TrafficSampleEntry> sample,
                                 Double maxImpactPercent) {
        long t0 = System.nanoTime();
        String lang = serving.messages().languages().iterator().next();
        List<Compared> compared = sample.parallelStream()
                .map(e -> new Compared(e, answer(serving, e, lang), answer(candidate, e, lang)))
                .toList();
        long bounces = 0;
        long changedInputs = 0;
        long changedBounces = 0;
        Map<String, MutableTransition> byKey = new LinkedHashMap<>();
        for (Compared c : compared) {
            bounces += c.entry().count();
            if (c.before().equals(c.after())) {
                continue;
            }
            changedInputs++;
            changedBounces += c.entry().count();
            byKey.computeIfAbsent(c.before().describe() + " -> " + c.after().describe(),
                    k -> new MutableTransition(c.before(), c.after())).add(c.entry());
        }
        List<Transition> transitions = byKey.values().stream()
                .sorted(Comparator.comparingLong((MutableTransition m) -> m.bounces).reversed())
                .map(MutableTransition::freeze)
                .toList();
        return new Report(serving.version(), candidate.version(), sample.size(), bounces, changedInputs,
                changedBounces, transitions, maxImpactPercent, null, null, null, (System.nanoTime() - t0) / 1_000_000);
    }

    /** A report for when the sample could not be read: nothing measured, nothing refused. */
    static Report unmeasured(RuleSet serving, RuleSet candidate, Double maxImpactPercent, String why) {
        return new Report(serving.version(), candidate.version(), 0, 0, 0, 0, List.of(), maxImpactPercent, null, null,
                why, 0);
    }

    private static Answer answer(RuleSet rules, TrafficSampleEntry e, String lang) {
        String recipient = e.recipientDomain() == null ? null : "***@" + e.recipientDomain();
        try {
            return Answer.of(rules.classify(new BounceInput(e.smtpCode(), e.enhancedStatus(), e.diagnostic(),
                    recipient, null, e.remoteMta(), e.dsnAction(), e.softBounces()), lang));
        } catch (RuleEvaluationException failed) {
            return new Answer(RULE_ERROR, RULE_ERROR, RULE_ERROR);
        }
    }

    private static final class MutableTransition {
        final Answer from;
        final Answer to;
        long inputs;
        long bounces;
        final List<TrafficSampleEntry> heaviest = new ArrayList<>();

        MutableTransition(Answer from, Answer to) {
            this.from = from;
            this.to = to;
        }

        void add(TrafficSampleEntry e) {
            inputs++;
            bounces += e.count();
            heaviest.add(e);
            heaviest.sort(Comparator.comparingLong(TrafficSampleEntry::count).reversed());
            if (heaviest.size() > EXAMPLES) {
                heaviest.remove(EXAMPLES);
            }
        }

        Transition freeze() {
            return new Transition(from, to, inputs, bounces, heaviest.stream()
                    .map(e -> new Example(e.diagnostic(), e.smtpCode(), e.enhancedStatus(), e.recipientDomain(),
                            e.count()))
                    .toList());
        }
    }
}
