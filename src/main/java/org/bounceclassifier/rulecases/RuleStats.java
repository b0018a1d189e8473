package org.bounceclassifier.rulecases;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.engine.RuleInfo;
import org.bounceclassifier.engine.RuleSet;

/**
 * How much knowledge a rule set has and how well its cases guard it: rules and cases per category
 * and per receiver family, and the share of cases that end in {@code unknown}. Printed by
 * {@code test-rules --stats} as Markdown tables, which is how the README's tables are made.
 *
 * @param perCategory every category, in taxonomy order
 * @param perReceiver every receiver family that a rule's {@code @receiver} or a case's {@code
 *     receiver} names, in alphabetical order
 * @param cases all cases run
 * @param casesWithoutReceiver cases that name no receiver family
 * @param casesEndingUnknown cases whose answer was {@code unknown}
 */
public record RuleStats(List<CategoryCount> perCategory, List<ReceiverCount> perReceiver, int cases,
                        int casesWithoutReceiver, int casesEndingUnknown) {

    /**
     * @param textRules evidence rules that read the diagnostic text and propose this category
     * @param codeRules other evidence rules (reply code, enhanced status, DSN) that propose it
     * @param cases cases that expect this category
     */
    public record CategoryCount(Category category, int textRules, int codeRules, int cases) {
    }

    /**
     * @param rules text rules whose {@code @receiver} names the family
     * @param cases cases whose {@code receiver} is the family
     */
    public record ReceiverCount(String receiver, int rules, int cases) {
    }

    private static final int PERCENT = 100;

    public static RuleStats of(RuleSet rules, RuleGate.Report report) {
        Map<Category, int[]> byCategory = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            byCategory.put(c, new int[3]);
        }
        Map<String, int[]> byReceiver = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (RuleInfo rule : rules.rules().values()) {
            if (!RuleInfo.EVIDENCE.equals(rule.phase())) {
                continue;
            }
            if (rule.category() != null) {
                byCategory.get(rule.category())[rule.isTextRule() ? 0 : 1]++;
            }
            rule.receivers().forEach(family -> byReceiver.computeIfAbsent(family, k -> new int[2])[0]++);
        }
        int withoutReceiver = 0;
        int endingUnknown = 0;
        for (RuleChecks.CaseRun run : report.caseRuns()) {
            Category.fromId(run.ruleCase().expect().category()).ifPresent(c -> byCategory.get(c)[2]++);
            String family = run.ruleCase().receiver();
            if (family == null) {
                withoutReceiver++;
            } else {
                byReceiver.computeIfAbsent(family, k -> new int[2])[1]++;
            }
            if (run.got() == Category.UNKNOWN) {
                endingUnknown++;
            }
        }
        List<CategoryCount> categories = new ArrayList<>();
        byCategory.forEach((c, n) -> categories.add(new CategoryCount(c, n[0], n[1], n[2])));
        List<ReceiverCount> receivers = new ArrayList<>();
        byReceiver.forEach((family, n) -> receivers.add(new ReceiverCount(family, n[0], n[1])));
        return new RuleStats(List.copyOf(categories), List.copyOf(receivers), report.cases(), withoutReceiver,
                endingUnknown);
    }

    /** The share of cases ending in unknown, in percent. */
    public double unknownPercent() {
        return cases == 0 ? 0 : (double) PERCENT * casesEndingUnknown / cases;
    }

    /** Markdown tables for the README, and one line on unknown. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("| category | text rules | code rules | cases |\n|---|---:|---:|---:|\n");
        int text = 0;
        int code = 0;
        for (CategoryCount c : perCategory) {
            out.append("| ").append(c.category().id()).append(" | ").append(c.textRules()).append(" | ")
                    .append(c.codeRules()).append(" | ").append(c.cases()).append(" |\n");
            text += c.textRules();
            code += c.codeRules();
        }
        out.append("| **all** | ").append(text).append(" | ").append(code).append(" | ").append(cases).append(" |\n\n");
        out.append("| receiver family | text rules | cases |\n|---|---:|---:|\n");
        for (ReceiverCount r : perReceiver) {
            out.append("| ").append(r.receiver()).append(" | ").append(r.rules()).append(" | ").append(r.cases())
                    .append(" |\n");
        }
        out.append("| (no receiver named) | | ").append(casesWithoutReceiver).append(" |\n\n");
        out.append(String.format(Locale.ROOT, "Cases ending in unknown: %d of %d (%.1f%%).%n",
                casesEndingUnknown, cases, unknownPercent()));
        return out.toString();
    }
}
