package org.bounceclassifier.api;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits NDJSON into lines as its bytes arrive, in whatever pieces, keeping at most one line in
 * memory. A line longer than the limit is not kept: its bytes are skipped up to the next line
 * break and it is reported as too long, so one oversized line costs no memory and the stream goes
 * on with the next. Line breaks are LF, or CR LF; a last line without a break counts when the
 * input ends. Lines are numbered from 1.
 */
public final class NdjsonLines {
    /**
     * One line.
     *
     * @param bytes the line without its line break (empty when it was too long)
     * @param tooLong whether it was longer than the limit and skipped
     */
    public record Line(long number, byte[] bytes, boolean tooLong) {
    }

    private final int maxLineBytes;
    private final Consumer<Line> sink;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private boolean skipping;
    private long number;

    public NdjsonLines(int maxLineBytes, Consumer<Line> sink) {
        this.maxLineBytes = maxLineBytes;
        this.sink = sink;
    }

    /** Takes the next bytes of the input; whole lines go to the sink at once. */
    public void feed(byte[] bytes, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                emit();
                start = i + 1;
            }
        }
        append(bytes, start, end - start);
    }

    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    /** The input has ended: a last line without a line break is a line too. */
    public void end() {
        if (current.size() > 0 || skipping) {
            emit();
        }
    }

    private void append(byte[] bytes, int start, int length) {
        if (skipping || length == 0) {
            return;
        }
        // one byte more than the limit is allowed for the CR of a CR LF ending
        if (current.size() + length > maxLineBytes + 1) {
            skipping = true;
            current.reset();
            return;
        }
        current.write(bytes, start, length);
    }

    private void emit() {
        number++;
        if (skipping) {
            skipping = false;
            sink.accept(new Line(number, new byte[0], true));
            return;
        }
        byte[] line = current.toByteArray();
        current.reset();
        int length = line.length;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (length > maxLineBytes) {
            sink.accept(new Line(number, new byte[0], true));
            return;
        }
        sink.accept(new Line(number, length == line.length ? line : Arrays.copyOf(line, length), false));
    }
}
