package org.bounceclassifier.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import org.bounceclassifier.api.LogAnswerJson;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.logs.LogFormat;
import org.bounceclassifier.logs.LogReader;
import org.bounceclassifier.logs.LogRecord;

/**
 * Classifies an MTA log line by line: each delivery attempt the format's reader finds becomes one
 * NDJSON answer line, in log order. Lines that record no attempt print nothing.
 */
final class LogLines {
    private final LogFormat format;
    private final LogReader reader;
    private final RuleSet rules;
    private final String lang;
    private final PrintWriter out;
    private long lineNo;
    private long answers;

    LogLines(LogFormat format, RuleSet rules, String lang, PrintWriter out) {
        this.format = format;
        this.reader = format.newReader();
        this.rules = rules;
        this.lang = lang;
        this.out = out;
    }

    /** Every line until the end of the input. */
    void readAll(BufferedReader in) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            accept(line);
        }
        out.flush();
    }

    /** One line; answers are flushed at once, so a follower's reader sees them as they come. */
    synchronized void accept(String line) {
        lineNo++;
        for (LogRecord r : reader.read(line)) {
            out.println(LogAnswerJson.toJson(lineNo, format.id(), r, rules.classify(r.input(), lang)).encode());
            answers++;
        }
    }

    synchronized void flush() {
        out.flush();
    }

    long lines() {
        return lineNo;
    }

    long answers() {
        return answers;
    }
}
