package org.bounceclassifier.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the ledger keeps recipients, events and the audit trail. It stores and answers; what an
 * event does to a recipient is computed by the caller ({@link Ledger}) from the rules' answer.
 *
 * <p>Every change to a recipient runs while that recipient is locked: concurrent events for one
 * recipient, from one instance or several sharing a database, are applied one after the other, so
 * a count is never lost and a threshold is crossed exactly once. A call that returns has committed.
 */
public interface LedgerStore extends AutoCloseable {

    /** Computes what a new event does, from the recipient's current state (locked while it runs). */
    @FunctionalInterface
    interface Transition {
        /**
         * @param sameSend the event that counted an earlier attempt of the same message in the
         *     recipient's current run, or null: a retry of one send must not count again
         */
        Change apply(Recipient current, LedgerEvent sameSend);
    }

    /** The recipient's new state and the event to record. */
    record Change(Recipient recipient, LedgerEvent event) {
    }

    /**
     * The outcome of {@link #record}.
     *
     * @param duplicate the event id was recorded before: nothing changed, and {@code event} is the
     *     one recorded then
     */
    record Recorded(boolean duplicate, Recipient recipient, LedgerEvent event) {
    }

    /** Computes a release from the recipient's current state; empty when it cannot be released. */
    @FunctionalInterface
    interface ReleaseTransition {
        Optional<Released> apply(Recipient current);
    }

    /** A released recipient and the audit entry that says who released it and why. */
    record Released(Recipient recipient, AuditEntry audit) {
    }

    /** Computes a person's change from the recipient's current state; empty when it does not apply. */
    @FunctionalInterface
    interface ChangeByHand {
        Optional<Changed> apply(Recipient current);
    }

    /** A recipient changed by a person and the audit entry that says who did it and why. */
    record Changed(Recipient recipient, AuditEntry audit) {
    }

    /**
     * Records one event for {@code address} unless {@code eventId} is already recorded. The
     * transition sees the recipient's state as it is now (a fresh active recipient when unknown)
     * and, when {@code messageId} is given, the event that counted an earlier attempt of that
     * message since the run began (no delivery, suppression, release or reset after it).
     */
    Recorded record(EmailAddress address, String eventId, String messageId, Instant now, Transition transition);

    /** The event that counted an earlier attempt of {@code messageId} in the current run (see {@link #record}). */
    Optional<LedgerEvent> sameSend(EmailAddress address, String messageId);

    /** Applies a release to a known recipient and appends its audit entry, in one transaction. */
    Optional<Released> release(EmailAddress address, ReleaseTransition transition);

    /**
     * Applies a person's change and appends its audit entry, in one transaction, with the recipient
     * locked. An unknown recipient is seen as a fresh active one when {@code createIfUnknown} (and
     * then stored only if the change applies); otherwise it is left unknown and the answer is empty.
     */
    Optional<Changed> changeByHand(EmailAddress address, boolean createIfUnknown, Instant now, ChangeByHand change);

    /**
     * Suppresses every listed address not suppressed already, with one audit entry each, in one
     * transaction: a list that fails half-way leaves nothing behind. Rows are written in batches.
     */
    SuppressionImport.Result importSuppressions(Iterable<SuppressionImport.Row> rows, String actor, Instant now);

    Optional<Recipient> recipient(EmailAddress address);

    /** The most recent events of a recipient, newest first. */
    List<LedgerEvent> recentEvents(EmailAddress address, int limit);

    /** The audit trail of a recipient, newest first. */
    List<AuditEntry> audit(EmailAddress address, int limit);

    SuppressionPage suppressions(SuppressionQuery query);

    /** The suppressed ones among {@code addresses}, keyed by their normalized value. */
    Map<String, Recipient> suppressedAmong(Collection<EmailAddress> addresses);

    /** Deletes events recorded before {@code cutoff}; recipients, suppressions and the audit stay. */
    long purgeEventsBefore(Instant cutoff);

    /** Blanks the diagnostic text of events recorded before {@code cutoff}; returns how many. */
    long blankDiagnosticsBefore(Instant cutoff);

    /** Computes the rewrites of one page of recipients ({@link #reevaluate}). */
    @FunctionalInterface
    interface ReevaluationPage {
        List<Reevaluation.Rewrite> apply(List<Reevaluation.History> page);
    }

    /**
     * Reads every recipient that has stored events, a page of {@code pageSize} recipients at a time
     * (in address order, with their events and audit trails), and hands each page to {@code work}.
     * When {@code apply}, each page is read and its rewrites written in one transaction with its
     * recipients locked, so an event that arrives meanwhile applies before or after, never in between.
     */
    void reevaluate(int pageSize, boolean apply, ReevaluationPage work);

    /** The traffic by receiver kept in the same database (table {@code receiver_traffic}). */
    ReceiverCounts receiverCounts();
    /**
     * Reads, without changing anything, the at most {@code maxRecipients} recipients with the most
     * recent events recorded since {@code since} (each with all its events and audit trail) and
     * hands them to {@code work} as one page: the bounded dry run a rule reload measures its impact with.
     */
    void replayRecent(Instant since, int maxRecipients, ReevaluationPage work);

    /** The traffic sample kept in the same database. */
    TrafficSampleStore trafficSample();

    /** Asks the database for a trivial answer. @throws LedgerStoreException when it cannot be reached */
    void ping();

    /** What and where, for the log: {@code SQLite at /srv/data/ledger.db}. */
    String describe();

    @Override
    void close();
}
