package org.bounceclassifier.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.commons.io.input.Tailer;
import org.apache.commons.io.input.TailerListenerAdapter;

/**
 * Follows a growing log file like {@code tail -F}: from its start, then every line appended, and
 * across rotation (the file renamed or truncated and a new one written under the same name, as
 * logrotate does), with Apache Commons IO's {@link Tailer}, which handles the re-opening.
 */
final class LogFollower implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(200);

    private final Tailer tailer;

    LogFollower(Path file, Consumer<String> lines, Runnable afterEachPoll, Consumer<Exception> problem) {
        this.tailer = Tailer.builder()
                .setPath(file)
                .setCharset(StandardCharsets.UTF_8)
                .setDelayDuration(POLL)
                .setTailFromEnd(false)
                .setReOpen(true)
                .setTailerListener(new TailerListenerAdapter() {
                    @Override
                    public void handle(String line) {
                        lines.accept(line);
                    }

                    @Override
                    public void endOfFileReached() {
                        afterEachPoll.run();
                    }

                    @Override
                    public void handle(Exception e) {
                        problem.accept(e);
                    }
                })
                .get();
    }

    @Override
    public void close() {
        tailer.close();
    }
}
