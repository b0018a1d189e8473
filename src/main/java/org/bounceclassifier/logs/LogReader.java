package org.bounceclassifier.logs;

import java.util.List;

/**
 * Reads one MTA's log, a line at a time, into the delivery attempts it records. A reader may
 * keep state between lines (PowerMTA's CSV header names its columns), so each log gets its own
 * reader from {@link LogFormat#newReader()}. Lines that record no attempt (connections, queue
 * management) give nothing; a line that cannot be read gives nothing either, never an exception.
 */
public interface LogReader {
    List<LogRecord> read(String line);
}
