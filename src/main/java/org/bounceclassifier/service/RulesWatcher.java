package org.bounceclassifier.service;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryWatcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.bounceclassifier.engine.RuleSetLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the rules when anything in the rules or cases directory changes (subfolders too).
 *
 * <p>Editors save by writing a temporary file and renaming it, and {@code git pull} changes many
 * files at once, so events are coalesced: a reload starts once the directory has been quiet for
 * {@link #QUIET_PERIOD}, or at the latest {@link #MAX_WAIT} after the first change of a burst, so a
 * stream of edits cannot postpone it forever. Reloads run one at a time on their own thread.
 */
public final class RulesWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RulesWatcher.class);
    /** Long enough to cover a save (write + rename) or a checkout; short enough to feel immediate. */
    static final Duration QUIET_PERIOD = Duration.ofMillis(200);
    /** A burst of changes still reloads within this time of its first event. */
    static final Duration MAX_WAIT = Duration.ofMillis(1000);

    private final CurrentRules rules;
    private final DirectoryWatcher watcher;
    private final ScheduledExecutorService reloader = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "rules-reload"));
    /** The watch loop blocks its thread, so it gets one of its own. */
    private final ExecutorService watchLoop = Executors.newSingleThreadExecutor(r -> daemon(r, "rules-watch"));
    private ScheduledFuture<?> pending;
    private long burstStartNanos;

    private RulesWatcher(CurrentRules rules, List<Path> dirs) throws IOException {
        this.rules = rules;
        this.watcher = DirectoryWatcher.builder()
                .paths(dirs)
                .listener(this::onEvent)
                .logger(org.slf4j.helpers.NOPLogger.NOP_LOGGER)
                .build();
    }

    /** Starts watching the rules directory and, if it exists, the cases directory. */
    public static RulesWatcher start(CurrentRules rules) throws IOException {
        List<Path> dirs = new ArrayList<>();
        dirs.add(rules.rulesDir().toAbsolutePath());
        if (Files.isDirectory(rules.casesDir())) {
            dirs.add(rules.casesDir().toAbsolutePath());
        }
        RulesWatcher w = new RulesWatcher(rules, dirs);
        w.watcher.watchAsync(w.watchLoop);
        LOG.info("watching {} for changes", dirs);
        return w;
    }

    private void onEvent(DirectoryChangeEvent event) {
        Path path = event.path();
        if (event.eventType() != DirectoryChangeEvent.EventType.OVERFLOW && path != null
                && RuleSetLoader.isEditorDebris(path.getFileName().toString())) {
            return;
        }
        changed();
    }

    /** Schedules a reload, postponing a pending one unless the burst has waited long enough. */
    synchronized void changed() {
        long now = System.nanoTime();
        if (pending == null) {
            burstStartNanos = now;
        } else {
            pending.cancel(false);
        }
        long untilMax = burstStartNanos + MAX_WAIT.toNanos() - now;
        long delay = Math.max(0, Math.min(QUIET_PERIOD.toNanos(), untilMax));
        pending = reloader.schedule(this::reload, delay, TimeUnit.NANOSECONDS);
    }

    private void reload() {
        synchronized (this) {
            pending = null;
        }
        try {
            rules.load(CurrentRules.WATCH);
        } catch (RuntimeException e) {
            LOG.error("reload failed unexpectedly; still serving the previous rules", e);
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            LOG.warn("closing the rules watcher: {}", e.getMessage());
        }
        watchLoop.shutdownNow();
        reloader.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
