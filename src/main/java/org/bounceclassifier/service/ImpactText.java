package org.bounceclassifier.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The impact report as lines a person reads: {@code validate --impact}, and one line for the log. */
public final class ImpactText {
    private static final int EXAMPLE_CHARS = 160;

    private ImpactText() {
    }

    /** A percentage as people write it: 2, 2.5, 0.25. */
    public static String percent(Double p) {
        if (p == null) {
            return "none";
        }
        String s = String.format(Locale.ROOT, "%.2f", p);
        return s.replaceAll("\\.?0+$", "");
    }

    /** One line: share, counts, the largest transition, the ledger's count. */
    public static String summary(RuleImpact.Report r) {
        if (r.sampleError() != null) {
            return "impact not measured (" + r.sampleError() + ")";
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "impact: %.1f%% of the traffic sample would change (%d of %d bounces, %d of %d inputs)",
                r.share() * 100, r.changedBounces(), r.sampleBounces(), r.changedInputs(), r.sampleInputs()));
        if (!r.transitions().isEmpty()) {
            RuleImpact.Transition t = r.transitions().get(0);
            s.append("; most: ").append(t.from().describe()).append(" -> ").append(t.to().describe())
                    .append(" (").append(t.bounces()).append(")");
        }
        if (r.ledger() != null) {
            s.append("; ledger: ").append(r.ledger().wouldSuppress()).append(" recipients would be suppressed, ")
                    .append(r.ledger().wouldRelease()).append(" released");
        }
        return s.toString();
    }

    /** The whole report, for a pull request's CI log. */
    public static List<String> lines(RuleImpact.Report r) {
        List<String> out = new ArrayList<>();
        out.add("impact of rules " + r.candidateVersion() + " against " + r.servingVersion() + " on the traffic sample");
        if (r.sampleError() != null) {
            out.add("  not measured: " + r.sampleError());
            return out;
        }
        out.add("  sample: " + count(r.sampleBounces(), "bounce") + ", " + count(r.sampleInputs(), "distinct input"));
        out.add(String.format(Locale.ROOT, "  would change: %s (%.1f%%), %s", count(r.changedBounces(), "bounce"),
                r.share() * 100, count(r.changedInputs(), "input")));
        for (RuleImpact.Transition t : r.transitions()) {
            double share = r.sampleBounces() == 0 ? 0 : (double) t.bounces() / r.sampleBounces();
            out.add(String.format(Locale.ROOT, "  %s -> %s: %s (%.1f%%), %s", t.from().describe(),
                    t.to().describe(), count(t.bounces(), "bounce"), share * 100, count(t.inputs(), "input")));
            for (RuleImpact.Example e : t.examples()) {
                out.add("      " + e.count() + "x " + quoted(e) + (e.recipientDomain() == null ? ""
                        : " (" + e.recipientDomain() + ")"));
            }
        }
        if (r.ledger() != null) {
            RuleImpact.LedgerImpact l = r.ledger();
            out.add(String.format(Locale.ROOT, "  ledger (recipients with events in the last %d days, at most %d):"
                    + " %d recipients, %d events judged again, %d would change; %d would be suppressed%s,"
                    + " %d released%s", l.days(), l.maxRecipients(), l.recipients(), l.eventsJudged(),
                    l.eventsThatWouldChange(), l.wouldSuppress(), examples(l.wouldSuppressExamples()),
                    l.wouldRelease(), examples(l.wouldReleaseExamples())));
        } else if (r.ledgerError() != null) {
            out.add("  ledger: " + r.ledgerError());
        }
        if (r.maxImpactPercent() != null) {
            out.add(r.overLimit() ? "  REFUSED: " + r.refusal()
                    : "  within --max-impact " + percent(r.maxImpactPercent()) + "%");
        }
        return out;
    }

    private static String quoted(RuleImpact.Example e) {
        String text = e.text() == null ? "" : e.text().replaceAll("\\s+", " ").trim();
        if (text.length() > EXAMPLE_CHARS) {
            text = text.substring(0, EXAMPLE_CHARS) + "…";
        }
        String codes = (e.smtpCode() == null ? "" : e.smtpCode() + " ")
                + (e.enhancedStatus() == null ? "" : e.enhancedStatus() + " ");
        return "[" + codes.trim() + "] \"" + text + "\"";
    }

    private static String examples(List<String> addresses) {
        return addresses.isEmpty() ? "" : " (" + String.join(", ", addresses) + ")";
    }

    /** "1 bounce", "3 bounces": the report is read by people. */
    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
