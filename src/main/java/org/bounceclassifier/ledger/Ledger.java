package org.bounceclassifier.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.engine.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recipient ledger: records bounces and deliveries, keeps each recipient's state, answers
 * which recipients are suppressed, and lets a person release one. Every call blocks on the
 * database: call it from worker threads, never from an event loop.
 *
 * <p>A bounce is classified while its recipient is locked, with the recipient's current run of
 * soft bounces as history, so the rules see exactly the run this event extends.
 */
public final class Ledger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);
    /** The most addresses one check call takes (a campaign's batch; larger lists are split by the caller). */
    public static final int MAX_CHECK_ADDRESSES = 10_000;
    /** How often events past the retention period are purged. */
    static final Duration PURGE_INTERVAL = Duration.ofHours(1);

    private final LedgerStore store;
    private final Clock clock;
    private final Duration retention;
    private final AddressCase addressCase;
    private final Duration diagnosticRetention;
    private ScheduledExecutorService purger;
    private ScheduledExecutorService healthChecks;
    private volatile Readiness readiness;

    public Ledger(LedgerStore store, Clock clock, int retentionDays) {
        this(store, clock, retentionDays, AddressCase.INSENSITIVE, retentionDays);
    }

    public Ledger(LedgerStore store, Clock clock, int retentionDays, AddressCase addressCase) {
        this(store, clock, retentionDays, addressCase, retentionDays);
    }

    /** @param diagnosticRetentionDays the receiver's texts kept with events are blanked after this many days */
    public Ledger(LedgerStore store, Clock clock, int retentionDays, AddressCase addressCase,
                  int diagnosticRetentionDays) {
        this.store = store;
        this.clock = clock;
        this.retention = Duration.ofDays(retentionDays);
        this.addressCase = addressCase;
        this.diagnosticRetention = Duration.ofDays(Math.min(diagnosticRetentionDays, retentionDays));
        this.readiness = new Readiness(true, null, now());
    }

    /**
     * Whether the ledger's database answers: what {@code GET /ready} tells a load balancer.
     *
     * @param reason why not, or null when ready
     * @param since when it last changed
     */
    public record Readiness(boolean ready, String reason, Instant since) {
    }

    public Readiness readiness() {
        return readiness;
    }

    /** Marks the ledger unreachable at once (a call just failed); the health checks see it recover. */
    public void markUnavailable(String reason) {
        Readiness was = readiness;
        if (was.ready()) {
            LOG.warn("the ledger database cannot be reached: {}", reason);
            readiness = new Readiness(false, reason, now());
        } else if (!java.util.Objects.equals(was.reason(), reason)) {
            readiness = new Readiness(false, reason, was.since());
        }
    }

    /** Pings the database once and updates {@link #readiness()}. */
    public Readiness checkReadiness() {
        try {
            store.ping();
            if (!readiness.ready()) {
                LOG.info("the ledger database answers again (it was unreachable since {})", readiness.since());
                readiness = new Readiness(true, null, now());
            }
        } catch (RuntimeException e) {
            markUnavailable(e.getMessage());
        }
        return readiness;
    }

    /** Pings the database every {@code interval} on a thread of its own, so readiness recovers by itself. */
    public synchronized void startHealthChecks(Duration interval) {
        if (healthChecks != null) {
            return;
        }
        healthChecks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ledger-health");
            t.setDaemon(true);
            return t;
        });
        healthChecks.scheduleWithFixedDelay(this::checkReadiness, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Opens the configured store (migrating its schema) and a ledger on it. */
    public static Ledger open(LedgerConfig config) {
        return new Ledger(LedgerStores.open(config), Clock.systemUTC(), config.retentionDays(), config.addressCase(),
                config.diagnosticRetentionDays());
    }

    /** The address as this ledger keys it: every public call looks recipients up by this key. */
    public EmailAddress key(EmailAddress address) {
        return address.inCase(addressCase);
    }

    /** A classified bounce and what recording it did. */
    public record BounceRecorded(Classification classification, LedgerStore.Recorded recorded) {
    }

    /**
     * What identifies a bounce beyond its text: the caller's event id (null: a new one), the id of
     * the message sent (null: unknown, every bounce is its own send) and when it happened (null: unknown).
     */
    public record BounceIds(String eventId, String messageId, Instant occurredAt) {
        public static final BounceIds NONE = new BounceIds(null, null, null);

        public static BounceIds event(String eventId) {
            return new BounceIds(eventId, null, null);
        }
    }

    /**
     * The rules answered that this is no failure at all (a 2xx reply, a delivered or relayed
     * report): the ledger records nothing for it (README, "Recipient ledger").
     */
    public static final class NotAFailureException extends RuntimeException {
        private final transient Classification classification;

        NotAFailureException(Classification classification) {
            super("the rules read this as a successful delivery (category " + classification.category().id()
                    + "), not a bounce: nothing was recorded. Record a delivery with POST /v1/deliveries, or send"
                    + " the failure's own reply (a 4xx or 5xx code, a 4.x.x or 5.x.x status, a failed or delayed report)");
            this.classification = classification;
        }

        public Classification classification() {
            return classification;
        }
    }

    public BounceRecorded recordBounce(RuleSet rules, BounceInput input, EmailAddress recipient, String eventId,
                                       String lang) {
        return recordBounce(rules, input, recipient, BounceIds.event(eventId), lang);
    }

    /**
     * Classifies a bounce for {@code recipient} with its current run as history and records it.
     * A duplicate event id records nothing and answers the classification it got the first time
     * (the same input and history under the current rules).
     *
     * <p>When the message was already counted in the current run (an earlier attempt of the same
     * {@code messageId}), the rules get the history that attempt had: a retry is the same send, so it
     * neither counts again nor reaches the threshold on its own.
     *
     * <p>The rules run before the recipient is locked, with the run read just before; under the
     * lock the history is compared, and only when another event for the same recipient got in
     * between are the rules run again with the history as it is now. So the classification always
     * sees the exact run it extends, while the time under the lock (on the embedded store: the one
     * writer every event waits for) stays a few statements long.
     *
     * @throws NotAFailureException when the rules say the input reports a delivery; nothing is recorded
     */
    public BounceRecorded recordBounce(RuleSet rules, BounceInput input, EmailAddress recipient, BounceIds ids,
                                       String lang) {
        EmailAddress recipientKey = key(recipient);
        String id = ids.eventId() == null ? newEventId() : ids.eventId();
        int historyBefore = ids.messageId() == null ? -1 : store.sameSend(recipientKey, ids.messageId())
                .map(LedgerEvent::softBouncesBefore).orElse(-1);
        int runBefore = historyBefore >= 0 ? historyBefore
                : store.recipient(recipientKey).map(Recipient::consecutiveSoftBounces).orElse(0);
        Classification expected = rules.classify(withHistory(input, runBefore), lang);
        if (expected.category() == Category.DELIVERED) {
            throw new NotAFailureException(expected);
        }
        LedgerEvent.Report report = new LedgerEvent.Report(ids.messageId(), ids.occurredAt(),
                DiagnosticText.kept(input.diagnostic(), recipientKey), input.dsnAction(), input.remoteMta());
        AtomicReference<Classification> applied = new AtomicReference<>();
        LedgerStore.Recorded recorded = store.record(recipientKey, id, ids.messageId(), now(), (current, sameSend) -> {
            int history = sameSend == null ? current.consecutiveSoftBounces() : sameSend.softBouncesBefore();
            Classification c = history == runBefore ? expected : rules.classify(withHistory(input, history), lang);
            applied.set(c);
            return Transitions.bounce(current, c, id, now(), report, sameSend);
        });
        Classification classification = recorded.duplicate()
                ? rules.classify(withHistory(input, recorded.event().softBouncesBefore()), lang)
                : applied.get();
        return new BounceRecorded(classification, recorded);
    }

    /** Records a successful delivery: it ends the recipient's run of soft bounces. */
    public LedgerStore.Recorded recordDelivery(EmailAddress recipient, String eventId) {
        String id = eventId == null ? newEventId() : eventId;
        return store.record(key(recipient), id, null, now(),
                (current, sameSend) -> Transitions.delivery(current, id, now(), LedgerEvent.Report.NONE));
    }

    /** A recipient with its most recent events and its audit trail. */
    public record RecipientView(Recipient recipient, List<LedgerEvent> events, List<AuditEntry> audit) {
    }

    public Optional<RecipientView> view(EmailAddress spelled, int events, int auditEntries) {
        EmailAddress address = key(spelled);
        return store.recipient(address).map(r -> new RecipientView(r, store.recentEvents(address, events),
                store.audit(address, auditEntries)));
    }

    /** The outcome of a release: done, or why not. */
    public sealed interface ReleaseOutcome {
        record Done(LedgerStore.Released released) implements ReleaseOutcome {
        }

        record NotSuppressed(Recipient recipient) implements ReleaseOutcome {
        }

        record Unknown() implements ReleaseOutcome {
        }
    }

    /** Lifts a suppression and records who did it and why. */
    public ReleaseOutcome release(EmailAddress spelled, String actor, String reason) {
        EmailAddress address = key(spelled);
        Optional<LedgerStore.Released> released = store.release(address,
                current -> Transitions.release(current, actor, reason, now()));
        if (released.isPresent()) {
            return new ReleaseOutcome.Done(released.get());
        }
        return store.recipient(address)
                .<ReleaseOutcome>map(ReleaseOutcome.NotSuppressed::new)
                .orElseGet(ReleaseOutcome.Unknown::new);
    }

    /** The outcome of a person's suppression or reset: done, not applicable (with the state as it is), or unknown. */
    public sealed interface ChangeOutcome {
        record Done(LedgerStore.Changed changed) implements ChangeOutcome {
        }

        record NotApplicable(Recipient recipient) implements ChangeOutcome {
        }

        record Unknown() implements ChangeOutcome {
        }
    }

    /**
     * Suppresses an address by hand (known to the ledger or not), with the person's reason in the audit.
     *
     * @param category a category id, or null for {@link SuppressionImport#MANUAL}
     */
    public ChangeOutcome suppress(EmailAddress spelled, String actor, String reason, String category) {
        EmailAddress address = key(spelled);
        String cat = category == null ? SuppressionImport.MANUAL : category;
        Instant at = now();
        return outcome(address, store.changeByHand(address, true, at,
                current -> Transitions.suppressByHand(current, cat, actor, reason, at)));
    }

    /** Ends a recipient's run of soft bounces by hand; a suppressed one needs a release instead. */
    public ChangeOutcome reset(EmailAddress spelled, String actor, String reason) {
        EmailAddress address = key(spelled);
        Instant at = now();
        return outcome(address, store.changeByHand(address, false, at,
                current -> Transitions.resetByHand(current, actor, reason, at)));
    }

    private ChangeOutcome outcome(EmailAddress address, Optional<LedgerStore.Changed> changed) {
        if (changed.isPresent()) {
            return new ChangeOutcome.Done(changed.get());
        }
        return store.recipient(address)
                .<ChangeOutcome>map(ChangeOutcome.NotApplicable::new)
                .orElseGet(ChangeOutcome.Unknown::new);
    }

    /**
     * Imports a suppression list in one transaction (README, "Recipient ledger"): rows are keyed
     * like every other address, addresses suppressed already are left as they are.
     */
    public SuppressionImport.Result importSuppressions(Iterable<SuppressionImport.Row> rows, String actor) {
        Iterable<SuppressionImport.Row> keyed = () -> new java.util.Iterator<>() {
            private final java.util.Iterator<SuppressionImport.Row> in = rows.iterator();

            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public SuppressionImport.Row next() {
                SuppressionImport.Row r = in.next();
                return new SuppressionImport.Row(key(r.address()), r.reason(), r.suppressedAt(), r.category());
            }
        };
        return store.importSuppressions(keyed, actor, now());
    }

    /** Recipients per page of a re-evaluation: memory holds one page's events, whatever the ledger's size. */
    static final int REEVALUATION_PAGE = 500;

    /**
     * Replays every stored event through {@code rules} (README, "Re-evaluation"): with
     * {@code apply} false only reports what would change; with {@code apply} it rewrites the events
     * and recipients that change, each changed recipient with an audit entry naming the rules version.
     * Runs for long on a large ledger: call it from a worker thread.
     */
    public Reevaluation.Report reevaluate(RuleSet rules, boolean apply, String actor, String lang) {
        Reevaluation.Report report = new Reevaluation.Report(!apply, rules.version());
        Reevaluation replay = new Reevaluation(rules, lang, report);
        long start = System.nanoTime();
        store.reevaluate(REEVALUATION_PAGE, apply, page -> {
            Instant at = now();
            List<Reevaluation.Rewrite> rewrites = new java.util.ArrayList<>();
            for (Reevaluation.History h : page) {
                Reevaluation.Rewrite w = replay.replay(h, actor, at);
                if (w != null) {
                    rewrites.add(w);
                }
            }
            return rewrites;
        });
        report.millis = (System.nanoTime() - start) / 1_000_000;
        LOG.info("{} re-evaluation with rules {}: {} recipients, {} events ({} judged again), {} would be suppressed,"
                        + " {} released, {} events {} in {} ms", apply ? "applied" : "dry-run", rules.version(),
                report.recipients, report.events, report.eventsJudged, report.wouldSuppress.count,
                report.wouldRelease.count, report.eventsRewritten, apply ? "rewritten" : "would change", report.millis);
        return report;
    }

    /**
     * A dry run of {@code rules} over the recipients with the most recent events since {@code since}
     * (at most {@code maxRecipients}, each with its whole history): what a rule reload would change
     * in the ledger, bounded so that measuring it stays quick whatever the ledger's size. Compares
     * with the decisions stored (made by the rules serving when each event came).
     */
    public Reevaluation.Report reevaluateRecent(RuleSet rules, Instant since, int maxRecipients, String lang) {
        Reevaluation.Report report = new Reevaluation.Report(true, rules.version());
        Reevaluation replay = new Reevaluation(rules, lang, report);
        long start = System.nanoTime();
        Instant at = now();
        store.replayRecent(since, maxRecipients, page -> {
            page.forEach(h -> replay.replay(h, "impact", at));
            return List.of();
        });
        report.millis = (System.nanoTime() - start) / 1_000_000;
        return report;
    }

    /** The traffic sample kept in the ledger's database (shared by the instances on it). */
    public TrafficSampleStore trafficSample() {
        return store.trafficSample();
    }

    public SuppressionPage suppressions(SuppressionQuery query) {
        return store.suppressions(query);
    }

    /**
     * The suppressed ones among at most {@link #MAX_CHECK_ADDRESSES} addresses, keyed by each
     * address's {@link EmailAddress#value()} as given (so a caller finds its own spelling).
     */
    public Map<String, Recipient> check(List<EmailAddress> addresses) {
        if (addresses.size() > MAX_CHECK_ADDRESSES) {
            throw new IllegalArgumentException("at most " + MAX_CHECK_ADDRESSES + " addresses per check");
        }
        Map<String, Recipient> byKey = store.suppressedAmong(addresses.stream().map(this::key).toList());
        Map<String, Recipient> bySpelling = new java.util.HashMap<>();
        for (EmailAddress a : addresses) {
            Recipient r = byKey.get(key(a).value());
            if (r != null) {
                bySpelling.put(a.value(), r);
            }
        }
        return bySpelling;
    }

    /**
     * Deletes events older than the retention period and blanks the receivers' texts older than the
     * diagnostic retention period; suppressions and the audit trail stay.
     *
     * @return the events deleted
     */
    public long purgeExpiredEvents() {
        long purged = store.purgeEventsBefore(now().minus(retention));
        if (purged > 0) {
            LOG.info("purged {} ledger events older than {} days", purged, retention.toDays());
        }
        long blanked = store.blankDiagnosticsBefore(now().minus(diagnosticRetention));
        if (blanked > 0) {
            LOG.info("blanked the diagnostic text of {} ledger events older than {} days", blanked,
                    diagnosticRetention.toDays());
        }
        return purged;
    }

    /** Purges now, on a thread of its own, and then every {@link #PURGE_INTERVAL}. */
    public synchronized void startRetention() {
        if (purger != null) {
            return;
        }
        purger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ledger-retention");
            t.setDaemon(true);
            return t;
        });
        purger.scheduleWithFixedDelay(() -> {
            try {
                purgeExpiredEvents();
            } catch (RuntimeException e) {
                // the next run tries again; a failed purge loses nothing
                LOG.warn("purging old ledger events failed: {}", e.getMessage());
            }
        }, 0, PURGE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    public String describe() {
        return store.describe();
    }

    /** The hourly traffic by receiving provider, kept in the ledger's database. */
    public ReceiverCounts receiverCounts() {
        return store.receiverCounts();
    }

    @Override
    public synchronized void close() {
        if (purger != null) {
            purger.shutdownNow();
        }
        if (healthChecks != null) {
            healthChecks.shutdownNow();
        }
        store.close();
    }

    /** Milliseconds: what the database keeps, so an answer shows the same time as a later read. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static BounceInput withHistory(BounceInput in, int consecutiveSoftBounces) {
        return new BounceInput(in.smtpCode(), in.enhancedStatus(), in.diagnostic(), in.recipient(), in.sender(),
                in.remoteMta(), in.dsnAction(), consecutiveSoftBounces);
    }

    private static String newEventId() {
        return UUID.randomUUID().toString();
    }
}
