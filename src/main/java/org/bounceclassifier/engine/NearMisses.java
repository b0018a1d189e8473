package org.bounceclassifier.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What almost decided an answer, for the expert who reads it (the API's explain=full): the
 * proposals that lost and why, the rules whose phrase was in the text but that stepped aside (an
 * unless phrase or a code condition did not hold), and for an unknown answer the rules whose
 * phrases the text came closest to, and the codes no rule speaks for.
 */
public record NearMisses(List<LosingProposal> losingProposals, List<SteppedAside> steppedAside,
                         List<Closest> closest, List<String> codesWithoutRule) {

    /**
     * A proposal for another category than the answer.
     *
     * @param reason {@code weaker}, {@code equal} (the decision's preference) or {@code outranked}
     *     (a decision rule chose otherwise)
     */
    public record LosingProposal(String rule, Category category, int strength, String reason, String why) {
    }

    /** A text rule whose phrase is in the text but which did not fire. */
    public record SteppedAside(String rule, String file, String phrase, Category category) {
    }

    /** A text rule none of whose phrases is in the text, but one of them almost. */
    public record Closest(String rule, String file, String phrase, Category category, List<String> missingWords,
                          double share) {
    }

    private static final int MAX_CLOSEST = 5;
    /** Share of a phrase's words the text must hold to count as close. */
    private static final double CLOSE_ENOUGH = 0.6;

    public static NearMisses of(RuleSet rules, Classification c) {
        Set<String> fired = new HashSet<>(c.firedRules());
        List<LosingProposal> losing = new ArrayList<>();
        int winning = c.candidates().stream().filter(p -> p.getCategory() == c.category())
                .mapToInt(Candidate::getStrength).max().orElse(-1);
        for (Candidate p : c.candidates()) {
            if (p.getCategory() == c.category()) {
                continue;
            }
            String reason = p.getStrength() < winning ? "weaker" : p.getStrength() == winning ? "equal" : "outranked";
            String why = switch (reason) {
                case "weaker" -> "weaker evidence (" + p.getStrength() + " against " + winning + ")";
                case "equal" -> "equal evidence: the decision preferred " + c.category().id();
                default -> "a decision rule outranked it (" + String.join(", ", decisionRules(rules, fired)) + ")";
            };
            losing.add(new LosingProposal(p.getRuleName(), p.getCategory(), p.getStrength(), reason, why));
        }
        String text = c.evidence() == null ? "" : c.evidence().getText();
        Set<String> words = new HashSet<>(Arrays.asList(text.split("[^\\p{L}\\p{N}.]+")));
        List<SteppedAside> aside = new ArrayList<>();
        List<Closest> closest = new ArrayList<>();
        for (RuleInfo rule : rules.rules().values()) {
            if (!RuleInfo.EVIDENCE.equals(rule.phase()) || fired.contains(rule.name()) || rule.phrases().isEmpty()) {
                continue;
            }
            Closest best = null;
            for (String phrase : rule.phrases()) {
                if (!text.isEmpty() && text.contains(phrase)) {
                    aside.add(new SteppedAside(rule.name(), rule.file(), phrase, rule.category()));
                    best = null;
                    break;
                }
                List<String> phraseWords = Arrays.stream(phrase.split("[^\\p{L}\\p{N}.]+"))
                        .filter(w -> !w.isEmpty()).toList();
                if (phraseWords.size() < 2) {
                    continue;
                }
                List<String> missing = phraseWords.stream().filter(w -> !words.contains(w)).toList();
                double share = 1.0 - (double) missing.size() / phraseWords.size();
                if (share >= CLOSE_ENOUGH && (best == null || share > best.share())) {
                    best = new Closest(rule.name(), rule.file(), phrase, rule.category(), missing, share);
                }
            }
            if (best != null) {
                closest.add(best);
            }
        }
        closest.sort(Comparator.comparingDouble(Closest::share).reversed().thenComparing(Closest::rule));
        List<String> codes = new ArrayList<>();
        if (c.category() == Category.UNKNOWN) {
            // a class rule (5xx, 4.x.x) says little: name the code that has no rule of its own
            if (c.smtpCode() != null && noProposalOfStrength(c, Strength.REPLY_CODE)) {
                codes.add("reply code " + c.smtpCode());
            }
            if (c.enhancedStatus() != null && noProposalOfStrength(c, Strength.ENHANCED_STATUS)) {
                codes.add("status " + c.enhancedStatus());
            }
        }
        return new NearMisses(List.copyOf(losing), List.copyOf(aside),
                c.category() == Category.UNKNOWN ? List.copyOf(closest.subList(0, Math.min(MAX_CLOSEST, closest.size())))
                        : List.of(),
                List.copyOf(codes));
    }

    /** True when no evidence rule proposed at exactly this strength (a code's own rule). */
    private static boolean noProposalOfStrength(Classification c, int strength) {
        return c.candidates().stream().noneMatch(p -> p.getStrength() == strength);
    }

    private static List<String> decisionRules(RuleSet rules, Set<String> fired) {
        return fired.stream().filter(n -> rules.rules().get(n) != null
                && RuleInfo.DECIDE.equals(rules.rules().get(n).phase())).sorted().toList();
    }
}
