package org.bounceclassifier.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.BounceType;
import org.bounceclassifier.engine.Candidate;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.engine.Evidence;
import org.bounceclassifier.engine.Messages;
import org.bounceclassifier.engine.RuleInfo;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.engine.TextMatcher;

/**
 * The floor the engine is compared with: the same patterns of the same rule set, matched by plain
 * Java with no rules engine. Same per-request work up to the rules: {@link Evidence} (codes parsed,
 * text normalized), one {@link TextMatcher} pass for every phrase and expression; then lookups in
 * maps built at setup (phrase or expression to the proposals of the rules that name it, reply code
 * and enhanced status to the proposals of the code rules), the strongest proposal wins (soft before
 * hard at equal strength), and the category's texts and default remedy are attached.
 *
 * <p>It knows no rule conditions beyond the phrases and codes (no "unless the text also says ..."
 * exceptions, no escalation, no refined remedies), so it is a lower bound of the cost of a
 * classification, not a replacement: {@link #agreement} says how often it agrees with the engine.
 * Bench only; never part of the service.
 */
final class FloorClassifier {
    /** One proposal as a map holds it. */
    record Proposal(Category category, int strength, String rule) {
    }

    private static final int MAX_STATUS_PART = 999;

    private final RuleSet rules;
    private final TextMatcher matcher;
    private final Map<String, List<Proposal>> byPhrase = new HashMap<>();
    private final Map<String, List<Proposal>> byRegex = new HashMap<>();
    private final Map<Integer, List<Proposal>> byReplyCode = new HashMap<>();
    private final Map<Integer, List<Proposal>> byStatus = new HashMap<>();

    /**
     * Builds the maps from the rule set: a text rule's category from its metadata and its strength
     * from the engine's answer to the rule's own first example; the code rules' proposals from the
     * engine's answer to each reply code and each enhanced status given alone.
     */
    FloorClassifier(RuleSet rules) {
        this.rules = rules;
        this.matcher = rules.matcher();
        for (RuleInfo rule : rules.rules().values()) {
            if (!RuleInfo.EVIDENCE.equals(rule.phase()) || !rule.isTextRule() || rule.category() == null
                    || rule.examples().isEmpty()) {
                continue;
            }
            Integer strength = ownStrength(rule);
            if (strength == null) {
                continue;
            }
            Proposal p = new Proposal(rule.category(), strength, rule.name());
            rule.phrases().forEach(phrase -> byPhrase.computeIfAbsent(phrase, k -> new ArrayList<>()).add(p));
            rule.regexes().forEach(regex -> byRegex.computeIfAbsent(regex, k -> new ArrayList<>()).add(p));
        }
        for (int code = 200; code <= 599; code++) {
            List<Proposal> found = codeProposals(new BounceInput(code, null, null, null, null, null, null, 0));
            if (!found.isEmpty()) {
                byReplyCode.put(code, found);
            }
        }
        for (int cls : new int[] {2, 4, 5}) {
            for (int subject = 0; subject <= 9; subject++) {
                for (int detail = 0; detail <= 30; detail++) {
                    String status = cls + "." + subject + "." + detail;
                    List<Proposal> found = codeProposals(new BounceInput(null, status, null, null, null, null, null, 0));
                    if (!found.isEmpty()) {
                        byStatus.put(statusKey(cls, subject, detail), found);
                    }
                }
            }
        }
    }

    private Integer ownStrength(RuleInfo rule) {
        Classification c = rules.classify(BounceInput.ofDiagnostic(rule.examples().get(0)), "en");
        return c.candidates().stream().filter(x -> x.getRuleName().equals(rule.name()))
                .map(Candidate::getStrength).findFirst().orElse(null);
    }

    private List<Proposal> codeProposals(BounceInput input) {
        List<Proposal> out = new ArrayList<>();
        for (Candidate c : rules.classify(input, "en").candidates()) {
            out.add(new Proposal(c.getCategory(), c.getStrength(), c.getRuleName()));
        }
        return List.copyOf(out);
    }

    private static int statusKey(int cls, int subject, int detail) {
        return (cls * (MAX_STATUS_PART + 1) + subject) * (MAX_STATUS_PART + 1) + detail;
    }

    /** The answer the floor gives: category, type, action, texts, and the winning rule. */
    record Answer(Category category, BounceType bounceType, Messages.Text text, RuleSet.Remedy remedy, String rule) {
    }

    Answer classify(BounceInput input, String lang) {
        Evidence evidence = Evidence.from(input);
        TextMatcher.Hits hits = matcher.match(evidence.getText());
        Proposal best = null;
        for (String phrase : hits.phrases()) {
            best = stronger(best, byPhrase.get(phrase));
        }
        for (String regex : hits.regexes()) {
            best = stronger(best, byRegex.get(regex));
        }
        if (evidence.hasSmtpCode()) {
            best = stronger(best, byReplyCode.get(evidence.getSmtpCode()));
        }
        if (evidence.getStatusClass() > 0) {
            best = stronger(best, byStatus.get(statusKey(evidence.getStatusClass(), evidence.getStatusSubject(),
                    evidence.getStatusDetail())));
        }
        Category category = best == null ? Category.UNKNOWN : best.category();
        BounceType type = category.defaultType();
        if (type == BounceType.HARD && (evidence.getSmtpCode() >= 400 && evidence.getSmtpCode() < 500)) {
            type = BounceType.SOFT;
        }
        return new Answer(category, type, rules.messages().text(category, lang), rules.defaultRemedy(category),
                best == null ? null : best.rule());
    }

    private static Proposal stronger(Proposal best, List<Proposal> proposals) {
        if (proposals == null) {
            return best;
        }
        for (Proposal p : proposals) {
            if (best == null || p.strength() > best.strength()
                    || p.strength() == best.strength() && best.category().defaultType() == BounceType.HARD
                            && p.category().defaultType() == BounceType.SOFT) {
                best = p;
            }
        }
        return best;
    }

    /** The share of inputs on which the floor picks the engine's category (printed by the benchmark). */
    double agreement(List<BounceInput> inputs) {
        int same = 0;
        for (BounceInput input : inputs) {
            if (classify(input, "en").category() == rules.classify(input, "en").category()) {
                same++;
            }
        }
        return (double) same / inputs.size();
    }
}
