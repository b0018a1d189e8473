package org.bounceclassifier.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/**
 * One immutable, compiled set of rules with its texts: everything needed to classify.
 *
 * <p>A request takes the current rule set once and uses only it, so a reload never changes the
 * rules under a request in flight. {@link #close()} releases the pooled sessions when the set is
 * retired.
 */
public final class RuleSet implements AutoCloseable {
    /**
     * Upper bound on rule firings in one phase of one classification. A healthy rule set fires a
     * few dozen; reaching this means a rule re-triggers itself, and the classification stops
     * instead of hanging a worker.
     */
    public static final int MAX_FIRINGS_PER_PHASE = 1_000;

    /** What remediation rules give a category when no evidence refines it. */
    public record Remedy(Action action, Integer retryAfterSeconds) {
    }

    private final String version;
    private final Instant loadedAt;
    private final List<RuleFile> files;
    private final Map<String, RuleInfo> rules;
    private final KieBase kieBase;
    private final KieSessionsPool sessions;
    private final TextMatcher matcher;
    private final Messages messages;
    private final Map<Category, Remedy> defaults = new EnumMap<>(Category.class);

    RuleSet(String version, Instant loadedAt, List<RuleFile> files, Map<String, RuleInfo> rules,
            KieBase kieBase, KieSessionsPool sessions, TextMatcher matcher, Messages messages) {
        this.version = version;
        this.loadedAt = loadedAt;
        this.files = List.copyOf(files);
        this.rules = Map.copyOf(rules);
        this.kieBase = kieBase;
        this.sessions = sessions;
        this.matcher = matcher;
        this.messages = messages;
    }

    /** Load time and a short hash of the files, e.g. {@code 2026-11-24T10:15:02Z#3f2a9c}. */
    public String version() {
        return version;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public List<RuleFile> files() {
        return files;
    }

    public Map<String, RuleInfo> rules() {
        return rules;
    }

    public int ruleCount() {
        return rules.size();
    }

    public Messages messages() {
        return messages;
    }

    public TextMatcher matcher() {
        return matcher;
    }

    /** The action and delay the remediation rules give a category on its own. */
    public Remedy defaultRemedy(Category category) {
        return defaults.get(category);
    }

    void setDefaultRemedy(Category category, Remedy remedy) {
        defaults.put(category, remedy);
    }

    /** Classifies one bounce; {@code lang} must be one of {@link Messages#languages()}. */
    public Classification classify(BounceInput input, String lang) {
        Evidence evidence = Evidence.from(input);
        Outcome outcome = evaluate(evidence);
        Decision d = outcome.decision();
        Messages.Text text = messages.text(d.getCategory(), lang);
        List<Classification.MatchedRule> matched = new ArrayList<>();
        for (String name : d.explanation()) {
            RuleInfo info = rules.get(name);
            matched.add(new Classification.MatchedRule(name, info == null ? null : info.file()));
        }
        return new Classification(d.getCategory(), d.getBounceType(), d.getAction(), text.label(),
                text.remediation(), d.getRetryAfterSeconds(),
                evidence.hasSmtpCode() ? evidence.getSmtpCode() : null, evidence.getEnhancedStatus(),
                List.copyOf(matched), outcome.candidates(), d.countsAsSoftBounce(), version);
    }

    /** The decision and every candidate, before texts are chosen. */
    record Outcome(Decision decision, List<Candidate> candidates) {
    }

    Outcome evaluate(Evidence evidence) {
        TextMatcher.Hits hits = matcher.match(evidence.getText());
        KieSession session = sessions.newKieSession();
        try {
            session.insert(evidence);
            hits.phrases().forEach(p -> session.insert(new Phrase(p)));
            hits.regexes().forEach(r -> session.insert(new PatternMatch(r)));
            session.fireAllRules(MAX_FIRINGS_PER_PHASE);
            session.getAgenda().getAgendaGroup(RuleInfo.DECIDE).setFocus();
            session.fireAllRules(MAX_FIRINGS_PER_PHASE);
            session.getAgenda().getAgendaGroup(RuleInfo.REMEDIATE).setFocus();
            session.fireAllRules(MAX_FIRINGS_PER_PHASE);
            Decision decision = only(session.getObjects(new ClassObjectFilter(Decision.class)), Decision.class);
            List<Candidate> candidates = new ArrayList<>();
            for (Object o : session.getObjects(new ClassObjectFilter(Candidate.class))) {
                candidates.add((Candidate) o);
            }
            if (decision == null) {
                throw new IllegalStateException("the decision rules made no decision");
            }
            if (decision.getAction() == null) {
                throw new IllegalStateException("no remediation rule set an action for " + decision.getCategory().id());
            }
            return new Outcome(decision, List.copyOf(candidates));
        } finally {
            session.dispose();
        }
    }

    /** Runs only the remediation rules on a bare decision: the category's default action and delay. */
    Remedy remedyOnItsOwn(Category category) {
        KieSession session = sessions.newKieSession();
        try {
            Decision decision = new Decision(category, "(default)");
            session.insert(decision);
            session.getAgenda().getAgendaGroup(RuleInfo.REMEDIATE).setFocus();
            session.fireAllRules(MAX_FIRINGS_PER_PHASE);
            return new Remedy(decision.getAction(), decision.getRetryAfterSeconds());
        } finally {
            session.dispose();
        }
    }

    private static <T> T only(Collection<?> objects, Class<T> type) {
        if (objects.size() > 1) {
            throw new IllegalStateException("the decision rules made " + objects.size() + " decisions, expected one");
        }
        return objects.isEmpty() ? null : type.cast(objects.iterator().next());
    }

    KieBase kieBase() {
        return kieBase;
    }

    @Override
    public void close() {
        sessions.shutdown();
    }
}
