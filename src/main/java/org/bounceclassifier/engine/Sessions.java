package org.bounceclassifier.engine;

import java.util.ArrayList;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Rule sessions of one rule set, kept for reuse: a classification takes one, and gives it back
 * with its working memory emptied.
 *
 * <p>Why not Drools' {@code KieSessionsPool}: it resets a returned session by visiting every node
 * memory the session ever created, which after a while is every node of the network (thousands
 * with this rule set), so a classification paid for the whole rule set. Deleting the few facts of
 * one classification instead costs what inserting them cost, and leaves the session as a new one
 * would be: no facts, no activations beyond those of rules that need no facts, focus on the main
 * agenda group (the rule cases checked that both answer alike). A session whose classification
 * failed (a rule threw, or the firing limit was reached) is never reused.
 */
final class Sessions implements AutoCloseable {
    private final KieBase kieBase;
    private final int maxIdle;
    private final Deque<Lease> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private volatile boolean closed;

    /** @param maxIdle sessions kept for reuse; more in use at once are created and then disposed */
    Sessions(KieBase kieBase, int maxIdle) {
        this.kieBase = kieBase;
        this.maxIdle = maxIdle;
    }

    /** A session and the listener that notes which of its rules fire. */
    record Lease(KieSession session, FiredRules fired) {
    }

    Lease take() {
        Lease lease = idle.pollFirst();
        if (lease == null) {
            KieSession session = kieBase.newKieSession();
            FiredRules fired = new FiredRules();
            session.addEventListener(fired);
            return new Lease(session, fired);
        }
        idleCount.decrementAndGet();
        return lease;
    }

    /** Gives back a session whose classification completed; it is emptied for the next one. */
    void giveBack(Lease lease) {
        KieSession session = lease.session();
        if (closed || idleCount.get() >= maxIdle) {
            session.dispose();
            return;
        }
        for (FactHandle fact : new ArrayList<FactHandle>(session.getFactHandles())) {
            session.delete(fact);
        }
        lease.fired().clear();
        idleCount.incrementAndGet();
        idle.offerFirst(lease);
        // closed meanwhile: whoever finds the session still idle disposes of it
        if (closed && idle.remove(lease)) {
            lease.session().dispose();
        }
    }

    /** A session whose classification failed: its state is unknown, so it is not reused. */
    void discard(Lease lease) {
        lease.session().dispose();
    }

    /** Disposes the idle sessions; sessions in use are disposed when given back. */
    @Override
    public void close() {
        closed = true;
        Lease lease;
        while ((lease = idle.pollFirst()) != null) {
            lease.session().dispose();
        }
    }
}
