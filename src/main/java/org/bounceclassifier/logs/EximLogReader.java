package org.bounceclassifier.logs;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exim's main log: {@code DATE TIME MSGID FLAG ADDRESS [<parent>] R=router T=transport H=host
 * [ip] ...: message}, where the flag is {@code =>} (delivered), {@code ->} (another address of the
 * same delivery), {@code ==} (deferred), {@code **} (failed). The message id names the message
 * across its retries.
 */
final class EximLogReader implements LogReader {
    private static final Pattern LINE = Pattern.compile(
            "^\\S+ \\S+(?: [+-]\\d{4})?(?: \\[\\d+\\])? ([0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}) (=>|->|==|\\*\\*) (\\S+)(.*)$");
    /** Where the reason starts: after the last "X=value" field (a host may carry "[ip]" or "[ip]:port"). */
    private static final Pattern REASON = Pattern.compile("^(?:\\s+(?:<[^>]*>|[A-Za-z]{1,3}=(?:\"[^\"]*\"|\\S+)(?: \\[[^\\]]*\\](?::\\d+)?)?|defer \\(-?\\d+\\)))*:\\s*(.*)$");
    private static final Pattern HOST = Pattern.compile("\\sH=(\\S+)");
    private static final Pattern CONFIRMATION = Pattern.compile("\\sC=\"([^\"]*)\"");

    @Override
    public List<LogRecord> read(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return List.of();
        }
        String flag = m.group(2);
        String rest = m.group(4);
        String relay = first(HOST, rest);
        LogRecord.Outcome outcome;
        String text;
        switch (flag) {
            case "=>", "->" -> {
                outcome = LogRecord.Outcome.DELIVERED;
                text = first(CONFIRMATION, rest);
                if (text == null) {
                    text = "250 delivered";
                }
            }
            case "==" -> {
                outcome = LogRecord.Outcome.DEFERRED;
                text = reason(rest);
            }
            default -> {
                outcome = LogRecord.Outcome.FAILED;
                text = reason(rest);
            }
        }
        return List.of(new LogRecord(m.group(1), outcome,
                LogRecord.input(text, null, m.group(3), null, relay, outcome), null));
    }

    private static String reason(String rest) {
        Matcher m = REASON.matcher(rest);
        return m.find() ? m.group(1) : rest.strip();
    }

    private static String first(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }
}
