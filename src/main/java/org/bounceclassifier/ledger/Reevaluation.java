package org.bounceclassifier.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bounceclassifier.engine.Action;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.BounceType;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.engine.RuleSet;

/**
 * Replays a recipient's stored events, and the changes people made in between, through a rule set,
 * as if they arrived again in the order they did: the same {@link Transitions} the ledger applies
 * to new events, the same history, the same one-send-per-message rule. Nothing is decided here
 * that the rules do not decide.
 *
 * <p>An event without its receiver's text (recorded before the ledger kept it, or blanked by the
 * diagnostic retention) cannot be judged again: it keeps the decision it got. A recipient
 * suppressed by an event that retention has purged keeps its state: its cause cannot be replayed.
 */
public final class Reevaluation {
    /** Examples kept per transition and per list: enough to look at, bounded whatever the ledger's size. */
    static final int EXAMPLES = 5;

    private final RuleSet rules;
    private final String lang;
    private final Report report;

    Reevaluation(RuleSet rules, String lang, Report report) {
        this.rules = rules;
        this.lang = lang;
        this.report = report;
    }

    /** One recipient as stored: its row, its events (oldest first) and its audit trail (oldest first). */
    public record History(Recipient current, List<LedgerEvent> events, List<AuditEntry> audit) {
    }

    /** What applying the re-evaluation writes for one recipient. */
    public record Rewrite(Recipient recipient, List<LedgerEvent> events, AuditEntry audit) {
    }

    /** Replays one recipient and tallies it in the report; the rewrite is null when nothing changes. */
    Rewrite replay(History h, String actor, Instant now) {
        report.recipients++;
        report.events += h.events().size();
        Recipient current = h.current();
        Set<String> stored = new HashSet<>();
        h.events().forEach(e -> stored.add(e.eventId()));
        if (current.suppressed() && current.suppression().eventId() != null
                && !stored.contains(current.suppression().eventId())) {
            report.keptCausePurged++;
            return null;
        }
        List<Object> timeline = new ArrayList<>(h.events().size() + h.audit().size());
        timeline.addAll(h.events());
        timeline.addAll(h.audit());
        // a stable sort: at the same millisecond, events before what people did
        timeline.sort(Comparator.comparing(Reevaluation::at));

        LedgerEvent first = h.events().get(0);
        int run = first.softBouncesBefore();
        Recipient state = new Recipient(current.address(), run > 0 ? RecipientState.SOFT_BOUNCING : RecipientState.ACTIVE,
                run, null, null, first.recordedAt());
        Map<String, LedgerEvent> counted = new HashMap<>();
        List<LedgerEvent> changed = new ArrayList<>();
        for (Object item : timeline) {
            if (item instanceof AuditEntry a) {
                state = byHand(state, a, counted);
                continue;
            }
            LedgerEvent e = (LedgerEvent) item;
            LedgerStore.Change change;
            if (e.kind() == LedgerEvent.Kind.DELIVERY) {
                change = Transitions.delivery(state, e.eventId(), e.recordedAt(), e.report());
            } else {
                String messageId = e.report() == null ? null : e.report().messageId();
                LedgerEvent sameSend = messageId == null ? null : counted.get(messageId);
                int history = sameSend == null ? state.consecutiveSoftBounces() : sameSend.softBouncesBefore();
                Classification c = judge(e, history);
                change = Transitions.bounce(state, c, e.eventId(), e.recordedAt(), e.report(), sameSend);
                if (change.event().effect() == Effect.COUNTED && messageId != null) {
                    counted.putIfAbsent(messageId, change.event());
                }
                tally(e, change.event(), current.address().value());
            }
            if (change.event().effect() == Effect.RESET || change.event().effect() == Effect.SUPPRESSED) {
                counted.clear();
            }
            if (!sameDecision(e, change.event())) {
                changed.add(change.event());
            }
            state = change.recipient();
        }
        boolean stateChanged = current.state() != state.state()
                || current.consecutiveSoftBounces() != state.consecutiveSoftBounces()
                || !Objects.equals(suppressionKey(current), suppressionKey(state));
        if (current.suppressed() && !state.suppressed()) {
            report.wouldRelease.add(current.address().value());
        } else if (!current.suppressed() && state.suppressed()) {
            report.wouldSuppress.add(current.address().value());
        } else if (stateChanged) {
            report.otherStateChanges++;
        }
        report.eventsRewritten += changed.size();
        if (!stateChanged && changed.isEmpty()) {
            return null;
        }
        Recipient next = stateChanged
                ? new Recipient(state.address(), state.state(), state.consecutiveSoftBounces(), state.suppression(),
                        state.releasedAt(), now)
                : current;
        AuditEntry audit = stateChanged ? new AuditEntry(current.address().value(), AuditEntry.REEVALUATE, actor,
                "re-evaluated with rules " + rules.version() + ": " + describe(current) + " -> " + describe(state),
                now, state.suppressed() ? state.suppression().category()
                        : current.suppressed() ? current.suppression().category() : null,
                state.suppressed() ? state.suppression().eventId() : null) : null;
        return new Rewrite(next, changed, audit);
    }

    private static Instant at(Object item) {
        return item instanceof AuditEntry a ? a.at() : ((LedgerEvent) item).recordedAt();
    }

    /** What a person did, replayed: the same transitions as then. A merge or re-evaluation entry changes nothing. */
    private static Recipient byHand(Recipient state, AuditEntry a, Map<String, LedgerEvent> counted) {
        Recipient next = switch (a.action()) {
            case AuditEntry.RELEASE -> Transitions.release(state, a.actor(), a.reason(), a.at())
                    .map(LedgerStore.Released::recipient).orElse(state);
            case AuditEntry.RESET -> Transitions.resetByHand(state, a.actor(), a.reason(), a.at())
                    .map(LedgerStore.Changed::recipient).orElse(state);
            case AuditEntry.SUPPRESS, AuditEntry.IMPORT -> Transitions.suppressByHand(state,
                    a.category() == null ? SuppressionImport.MANUAL : a.category(), a.actor(), a.reason(), a.at())
                    .map(LedgerStore.Changed::recipient).orElse(state);
            default -> state;
        };
        if (!AuditEntry.MERGE.equals(a.action())) {
            counted.clear();
        }
        return next;
    }

    /** The rules' answer for a stored bounce, or the one it got when its text is not kept. */
    private Classification judge(LedgerEvent e, int history) {
        LedgerEvent.Report r = e.report() == null ? LedgerEvent.Report.NONE : e.report();
        if (r.diagnostic() == null) {
            report.eventsKeptWithoutText++;
            return kept(e);
        }
        report.eventsJudged++;
        return rules.classify(new BounceInput(e.smtpCode(), e.enhancedStatus(), r.diagnostic(), e.address(), null,
                r.remoteMta(), r.dsnAction(), history), lang);
    }

    private static Classification kept(LedgerEvent e) {
        List<Classification.MatchedRule> matched = new ArrayList<>();
        if (e.matchedRules() != null) {
            e.matchedRules().forEach(n -> matched.add(new Classification.MatchedRule(n, null)));
        }
        return new Classification(Category.fromId(e.category()).orElse(Category.UNKNOWN),
                BounceType.fromId(e.bounceType()), Action.fromId(e.action()), null, null, null, e.smtpCode(),
                e.enhancedStatus(), matched, List.of(), e.effect() == Effect.COUNTED, e.rulesVersion(), null, List.of());
    }

    private void tally(LedgerEvent before, LedgerEvent after, String address) {
        if (Objects.equals(before.category(), after.category()) && Objects.equals(before.bounceType(),
                after.bounceType())) {
            return;
        }
        String key = before.category() + "/" + before.bounceType() + " -> " + after.category() + "/"
                + after.bounceType();
        Transition t = report.transitions.computeIfAbsent(key, k -> new Transition(before.category(),
                before.bounceType(), after.category(), after.bounceType()));
        t.count++;
        if (t.examples.size() < EXAMPLES) {
            t.examples.add(new Example(before.eventId(), address));
        }
    }

    private static boolean sameDecision(LedgerEvent stored, LedgerEvent replayed) {
        return stored.effect() == replayed.effect()
                && Objects.equals(stored.category(), replayed.category())
                && Objects.equals(stored.bounceType(), replayed.bounceType())
                && Objects.equals(stored.action(), replayed.action())
                && stored.softBouncesBefore() == replayed.softBouncesBefore()
                && stored.softBouncesAfter() == replayed.softBouncesAfter();
    }

    private static String suppressionKey(Recipient r) {
        return r.suppression() == null ? null : r.suppression().category() + "|" + r.suppression().eventId();
    }

    private static String describe(Recipient r) {
        return r.state().id() + (r.suppressed() ? " (" + r.suppression().category() + ")"
                : r.consecutiveSoftBounces() > 0 ? " (run " + r.consecutiveSoftBounces() + ")" : "");
    }

    /** An event whose category or type the new rules change, for the report. */
    public record Example(String eventId, String address) {
    }

    /** Events whose category or bounce type changes the same way. */
    public static final class Transition {
        public final String fromCategory;
        public final String fromType;
        public final String toCategory;
        public final String toType;
        public long count;
        public final List<Example> examples = new ArrayList<>();

        Transition(String fromCategory, String fromType, String toCategory, String toType) {
            this.fromCategory = fromCategory;
            this.fromType = fromType;
            this.toCategory = toCategory;
            this.toType = toType;
        }
    }

    /** Addresses, counted in full, a few kept as examples. */
    public static final class Addresses {
        public long count;
        public final List<String> examples = new ArrayList<>();

        void add(String address) {
            count++;
            if (examples.size() < EXAMPLES) {
                examples.add(address);
            }
        }
    }

    /** What a re-evaluation found (and, when applied, changed). Bounded: counts and a few examples. */
    public static final class Report {
        public final boolean dryRun;
        public final String rulesVersion;
        public long recipients;
        public long events;
        public long eventsJudged;
        public long eventsKeptWithoutText;
        public long eventsRewritten;
        public long keptCausePurged;
        public long otherStateChanges;
        public long millis;
        public final Map<String, Transition> transitions = new LinkedHashMap<>();
        public final Addresses wouldSuppress = new Addresses();
        public final Addresses wouldRelease = new Addresses();

        Report(boolean dryRun, String rulesVersion) {
            this.dryRun = dryRun;
            this.rulesVersion = rulesVersion;
        }
    }
}
