package org.bounceclassifier.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's writer (SQLite allows one writer at a time): a single thread takes the
 * units waiting in the queue, runs them one after the other in one transaction, each inside its
 * own savepoint so that one failing unit does not take the others down, and commits once. Every
 * caller gets its answer only after that commit is on disk, so nothing acknowledged is lost, and
 * one disk flush serves every unit that arrived while the previous one was being written (group
 * commit). Being the only writer, it is also what makes each recipient's read-then-write atomic.
 */
final class GroupCommitWriter implements WriteTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    /** Bounds one transaction, so a burst does not delay the first caller behind thousands of others. */
    static final int MAX_UNITS_PER_COMMIT = 256;
    /** How often the idle writer looks whether it has been closed. */
    private static final long POLL_MILLIS = 200;

    private record Pending<T>(SqlWork<T> work, CompletableFuture<T> result) {
    }

    private final DataSource dataSource;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    GroupCommitWriter(DataSource dataSource) {
        this.dataSource = dataSource;
        this.thread = new Thread(this::loop, "ledger-writer");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public <T> T write(SqlWork<T> work) {
        Pending<T> pending = new Pending<>(work, new CompletableFuture<>());
        // under the same lock as close(): nothing is queued after the writer's last look at the queue
        synchronized (this) {
            if (closed) {
                throw new LedgerStoreException("the ledger is closed", null);
            }
            queue.add(pending);
        }
        try {
            return pending.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerStoreException("interrupted while waiting for the ledger writer", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new LedgerStoreException("the ledger database failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void loop() {
        List<Pending<?>> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending<?> first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_UNITS_PER_COMMIT - 1);
                runBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // runBatch answers every caller itself; this only keeps the writer alive
                LOG.error("ledger writer failed on a batch", e);
            } finally {
                batch.clear();
            }
        }
    }

    private void runBatch(List<Pending<?>> batch) {
        Object[] results = new Object[batch.size()];
        Exception[] failures = new Exception[batch.size()];
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (int i = 0; i < batch.size(); i++) {
                    Savepoint savepoint = c.setSavepoint();
                    try {
                        results[i] = batch.get(i).work().run(c);
                        c.releaseSavepoint(savepoint);
                    } catch (SQLException | RuntimeException e) {
                        c.rollback(savepoint);
                        failures[i] = e;
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            LedgerStoreException failed = new LedgerStoreException("the ledger database failed to commit: "
                    + e.getMessage(), e);
            batch.forEach(p -> p.result().completeExceptionally(failed));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results[i], failures[i]);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Pending<T> pending, Object result, Exception failure) {
        if (failure == null) {
            pending.result().complete((T) result);
        } else if (failure instanceof RuntimeException re) {
            pending.result().completeExceptionally(re);
        } else {
            pending.result().completeExceptionally(new LedgerStoreException("the ledger database failed: "
                    + failure.getMessage(), failure));
        }
    }

    /** Finishes the units already queued, then stops. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
