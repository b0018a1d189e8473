package org.bounceclassifier.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;

/**
 * One immutable, compiled set of rules with its texts: everything needed to classify.
 *
 * <p>A request takes the current rule set once and uses only it, so a reload never changes the
 * rules under a request in flight. {@link #close()} retires the set: requests still using it
 * finish normally and their sessions are disposed as they give them back, and once nothing refers to
 * the set the garbage collector reclaims it with its generated classes.
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
    private final Sessions sessions;
    private final TextMatcher matcher;
    private final Messages messages;
    private final EngineLimits limits;
    private final SendingIpRanges sendingIpRanges;
    private final Map<Category, Remedy> defaults = new EnumMap<>(Category.class);
    private volatile boolean retired;

    RuleSet(String version, Instant loadedAt, List<RuleFile> files, Map<String, RuleInfo> rules,
            KieBase kieBase, Sessions sessions, TextMatcher matcher, Messages messages,
            SendingIpRanges sendingIpRanges, EngineLimits limits) {
        this.version = version;
        this.loadedAt = loadedAt;
        this.files = List.copyOf(files);
        this.rules = Map.copyOf(rules);
        this.kieBase = kieBase;
        this.sessions = sessions;
        this.matcher = matcher;
        this.messages = messages;
        this.limits = limits;
        this.sendingIpRanges = sendingIpRanges;
    }

    /** The content hash of the rule set's files, e.g. {@code 3f2a9c41e07b}: the same files give the same version. */
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

    /** The operator's sending IP ranges, as the texts quote them (empty when none are configured). */
    public SendingIpRanges sendingIpRanges() {
        return sendingIpRanges;
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
        Evidence evidence = Evidence.from(input, limits.maxDiagnosticChars());
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
                List.copyOf(matched), outcome.candidates(), d.countsAsSoftBounce(), version, evidence,
                outcome.firedRules());
    }

    /** The decision, every candidate and every rule that fired, before texts are chosen. */
    record Outcome(Decision decision, List<Candidate> candidates, List<String> firedRules) {
    }

    Outcome evaluate(Evidence evidence) {
        Sessions.Lease lease = sessions.take();
        KieSession session = lease.session();
        boolean completed = false;
        try {
            insertFacts(session, evidence);
            fire(session, null, RuleInfo.EVIDENCE, evidence);
            fire(session, RuleInfo.DECIDE, RuleInfo.DECIDE, evidence);
            fire(session, RuleInfo.REMEDIATE, RuleInfo.REMEDIATE, evidence);
            Decision decision = only(session.getObjects(new ClassObjectFilter(Decision.class)), Decision.class);
            List<Candidate> candidates = new ArrayList<>();
            for (Object o : session.getObjects(new ClassObjectFilter(Candidate.class))) {
                candidates.add((Candidate) o);
            }
            if (decision == null) {
                throw new RuleEvaluationException("the decision rules made no decision", null);
            }
            if (decision.getAction() == null) {
                throw new RuleEvaluationException("no remediation rule set an action for "
                        + decision.getCategory().id(), null);
            }
            completed = true;
            return new Outcome(decision, List.copyOf(candidates), lease.fired().names());
        } catch (RuleEvaluationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RuleEvaluationException("a rule failed: " + firstLine(e.getMessage()), e);
        } finally {
            if (completed) {
                sessions.giveBack(lease);
            } else {
                sessions.discard(lease);
            }
        }
    }

    /** The evidence, and one fact per phrase and expression of the rules that its text contains. */
    private void insertFacts(KieSession session, Evidence evidence) {
        TextMatcher.Hits hits = matcher.match(evidence.getText());
        session.insert(evidence);
        hits.phrases().forEach(p -> session.insert(new Phrase(p)));
        hits.regexes().forEach(r -> session.insert(new PatternMatch(r)));
    }

    /**
     * Fires one phase (the evidence rules are the default group), bounded. When the bound is hit,
     * the same input is run once more with a listener to name the rule that loops: this costs
     * nothing on the normal path.
     */
    private void fire(KieSession session, String group, String phase, Evidence evidence) {
        if (group != null) {
            session.getAgenda().getAgendaGroup(group).setFocus();
        }
        int fired = session.fireAllRules(MAX_FIRINGS_PER_PHASE);
        if (fired >= MAX_FIRINGS_PER_PHASE) {
            throw new RuleLoopException(phase, mostFiredRules(evidence), fired);
        }
    }

    private List<String> mostFiredRules(Evidence evidence) {
        Map<String, Integer> counts = new HashMap<>();
        KieSession session = kieBase.newKieSession();
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    counts.merge(event.getMatch().getRule().getName(), 1, Integer::sum);
                }
            });
            insertFacts(session, evidence);
            for (String group : new String[] {null, RuleInfo.DECIDE, RuleInfo.REMEDIATE}) {
                if (group != null) {
                    session.getAgenda().getAgendaGroup(group).setFocus();
                }
                session.fireAllRules(MAX_FIRINGS_PER_PHASE);
            }
        } finally {
            session.dispose();
        }
        // a loop and the rules it re-triggers fire about equally often, and the bound cuts them off
        // at slightly different counts: name every rule with at least half the top count
        final int shown = 5;
        int most = counts.values().stream().max(Integer::compare).orElse(0);
        return counts.entrySet().stream().filter(e -> e.getValue() * 2 >= most)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(shown).map(Map.Entry::getKey).toList();
    }

    /** Runs only the remediation rules on a bare decision: the category's default action and delay. */
    Remedy remedyOnItsOwn(Category category) {
        KieSession session = kieBase.newKieSession();
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

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static <T> T only(Collection<?> objects, Class<T> type) {
        if (objects.size() > 1) {
            throw new RuleEvaluationException("the decision rules made " + objects.size()
                    + " decisions, expected one", null);
        }
        return objects.isEmpty() ? null : type.cast(objects.iterator().next());
    }

    KieBase kieBase() {
        return kieBase;
    }

    public boolean isRetired() {
        return retired;
    }

    /** Retires the set: requests still using it finish normally; their sessions are then disposed. */
    @Override
    public void close() {
        retired = true;
        sessions.close();
    }
}
