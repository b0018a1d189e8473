package org.bounceclassifier.ledger;

import java.time.Instant;
import java.util.Optional;
import org.bounceclassifier.engine.Action;
import org.bounceclassifier.engine.Classification;

/**
 * Applies the rules' answer to a recipient. Nothing is decided here: whether an event suppresses
 * (the remediation rules' action {@code suppress}: hard bounces, complaints, the fifth soft bounce
 * in a row), counts toward the run ({@code countsAsSoftBounce} from the decision rules) or does
 * nothing (auto replies, delays, refusals of the sender) all comes from the rule files.
 */
final class Transitions {
    private Transitions() {
    }

    /**
     * @param sameSend the event that already counted this message's send in the current run, or
     *     null: a soft bounce that retries a counted send changes nothing (one send counts once),
     *     whatever the MTA's retry schedule; a hard answer on a retry still suppresses
     */
    static LedgerStore.Change bounce(Recipient current, Classification c, String eventId, Instant now,
                                     LedgerEvent.Report report, LedgerEvent sameSend) {
        int before = sameSend == null ? current.consecutiveSoftBounces() : sameSend.softBouncesBefore();
        Recipient next;
        Effect effect;
        if (current.suppressed()) {
            // the first cause stays on record until a person releases the address
            next = current;
            effect = Effect.UNCHANGED;
        } else if (c.action() == Action.SUPPRESS) {
            next = new Recipient(current.address(), RecipientState.SUPPRESSED, 0,
                    new Recipient.Suppression(c.category().id(), eventId, now, c.matchedRuleNames()),
                    current.releasedAt(), now);
            effect = Effect.SUPPRESSED;
        } else if (c.countsAsSoftBounce() && sameSend != null) {
            next = current;
            effect = Effect.UNCHANGED;
        } else if (c.countsAsSoftBounce()) {
            next = new Recipient(current.address(), RecipientState.SOFT_BOUNCING, current.consecutiveSoftBounces() + 1,
                    null,
                    current.releasedAt(), now);
            effect = Effect.COUNTED;
        } else {
            next = current;
            effect = Effect.UNCHANGED;
        }
        LedgerEvent event = new LedgerEvent(eventId, current.address().value(), LedgerEvent.Kind.BOUNCE, now,
                c.category().id(), c.bounceType().id(), c.action().id(), c.smtpCode(), c.enhancedStatus(),
                c.matchedRuleNames(), c.rulesVersion(), before, next.consecutiveSoftBounces(), effect, report);
        return new LedgerStore.Change(next, event);
    }

    /**
     * A delivery ends the run of soft bounces. It does not lift a suppression: only a person does
     * that, with a reason on record (a message that got through once proves little about the next).
     */
    static LedgerStore.Change delivery(Recipient current, String eventId, Instant now, LedgerEvent.Report report) {
        Recipient next;
        Effect effect;
        if (current.suppressed() || (current.state() == RecipientState.ACTIVE && current.consecutiveSoftBounces() == 0)) {
            next = current;
            effect = Effect.UNCHANGED;
        } else {
            next = new Recipient(current.address(), RecipientState.ACTIVE, 0, null, current.releasedAt(), now);
            effect = Effect.RESET;
        }
        LedgerEvent event = new LedgerEvent(eventId, current.address().value(), LedgerEvent.Kind.DELIVERY, now,
                null, null, null, null, null, null, null, current.consecutiveSoftBounces(),
                next.consecutiveSoftBounces(), effect, report);
        return new LedgerStore.Change(next, event);
    }

    /** Lifts a suppression; empty when the recipient is not suppressed. */
    static Optional<LedgerStore.Released> release(Recipient current, String actor, String reason, Instant now) {
        if (!current.suppressed()) {
            return Optional.empty();
        }
        Recipient.Suppression lifted = current.suppression();
        Recipient next = new Recipient(current.address(), RecipientState.RELEASED, 0, null, now, now);
        AuditEntry audit = new AuditEntry(current.address().value(), AuditEntry.RELEASE, actor, reason, now,
                lifted == null ? null : lifted.category(), lifted == null ? null : lifted.eventId());
        return Optional.of(new LedgerStore.Released(next, audit));
    }

    /** A person suppresses the address; empty when it is suppressed already. */
    static Optional<LedgerStore.Changed> suppressByHand(Recipient current, String category, String actor,
                                                       String reason, Instant now) {
        if (current.suppressed()) {
            return Optional.empty();
        }
        Recipient next = new Recipient(current.address(), RecipientState.SUPPRESSED, 0,
                new Recipient.Suppression(category, null, now, java.util.List.of()), current.releasedAt(), now);
        return Optional.of(new LedgerStore.Changed(next, new AuditEntry(current.address().value(),
                AuditEntry.SUPPRESS, actor, reason, now, category, null)));
    }

    /**
     * A person ends the run of soft bounces (the recipient said the mailbox works again); empty when
     * there is no run to end. A suppression is not lifted this way: that is a release.
     */
    static Optional<LedgerStore.Changed> resetByHand(Recipient current, String actor, String reason, Instant now) {
        if (current.suppressed() || current.consecutiveSoftBounces() == 0) {
            return Optional.empty();
        }
        Recipient next = new Recipient(current.address(), RecipientState.ACTIVE, 0, null, current.releasedAt(), now);
        return Optional.of(new LedgerStore.Changed(next, new AuditEntry(current.address().value(), AuditEntry.RESET,
                actor, reason + " (run of " + current.consecutiveSoftBounces() + " soft bounces ended)", now, null,
                null)));
    }
}
