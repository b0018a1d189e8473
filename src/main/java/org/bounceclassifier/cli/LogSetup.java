package org.bounceclassifier.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.io.PrintWriter;
import java.io.Writer;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashFieldNames;
import org.slf4j.LoggerFactory;

/**
 * Switches the service's log (configured for text by logback.xml) to one JSON object a line, and
 * turns the access log on. Done first thing in serve and stream, before anything is logged.
 */
final class LogSetup {
    static final String ACCESS_LOGGER = "bounce-classifier.access";
    private static final String IGNORE = "[ignore]";

    private LogSetup() {
    }

    /**
     * Every line becomes {@code {"time":..., "level":..., "logger":..., "message":...}} plus the
     * structured fields a line carries (the access log's method, path, status, durationMs).
     */
    static void json() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        LogstashFieldNames names = new LogstashFieldNames();
        names.setTimestamp("time");
        names.setLogger("logger");
        names.setVersion(IGNORE);
        names.setLevelValue(IGNORE);
        names.setThread(IGNORE);
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.setFieldNames(names);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("JSON");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
    }

    /**
     * In JSON mode, what serve prints when it cannot start (a port in use, a ledger that cannot
     * open, rules that fail their gate) goes to the log as ERROR events, one per line, so that a
     * log shipper reading the service's output as JSON finds no line it cannot parse.
     */
    static PrintWriter linesAsErrors() {
        org.slf4j.Logger log = LoggerFactory.getLogger("bounce-classifier");
        return new PrintWriter(new Writer() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(char[] chars, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    if (chars[i] == '\n') {
                        emit();
                    } else if (chars[i] != '\r') {
                        line.append(chars[i]);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
                emit();
            }

            private void emit() {
                if (!line.isEmpty()) {
                    log.error(line.toString());
                    line.setLength(0);
                }
            }
        }, true);
    }

    /** One line per HTTP request: method, route, status and duration; never a body or an address. */
    static void accessLog() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(ACCESS_LOGGER).setLevel(Level.INFO);
    }
}
