package org.bounceclassifier.logs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** The MTA log formats the service reads, each by a small reader of its own. */
public enum LogFormat {
    POSTFIX(PostfixLogReader::new),
    EXIM(EximLogReader::new),
    SENDMAIL(SendmailLogReader::new),
    KUMOMTA(KumoLogReader::new),
    PMTA(PmtaCsvReader::new);

    private final Supplier<LogReader> reader;

    LogFormat(Supplier<LogReader> reader) {
        this.reader = reader;
    }

    public LogReader newReader() {
        return reader.get();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LogFormat> fromId(String id) {
        return Arrays.stream(values()).filter(f -> f.id().equals(id)).findFirst();
    }
}
