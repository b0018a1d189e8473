package org.bounceclassifier.logs;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Postfix's delivery agents (smtp, lmtp, local, virtual, pipe) log one line per recipient and
 * attempt: {@code QUEUEID: to=<rcpt>, [orig_to=<...>,] relay=HOST, delay=..., dsn=X.Y.Z,
 * status=sent|deferred|bounced|expired (TEXT)}. The queue id names the message across its retries.
 */
final class PostfixLogReader implements LogReader {
    private static final Pattern LINE = Pattern.compile(
            "postfix(?:-[\\w.-]+)?/[\\w/.-]+\\[\\d+\\]: ([0-9A-Za-z]+): to=<([^>]*)>,(.*?) status=(sent|deferred|bounced|expired)(?:, returned to sender)?(?: \\((.*)\\))?\\s*$");
    private static final Pattern RELAY = Pattern.compile(" relay=([^,\\[ ]+)");
    private static final Pattern DSN = Pattern.compile(" dsn=([245]\\.\\d{1,3}\\.\\d{1,3})");

    @Override
    public List<LogRecord> read(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return List.of();
        }
        String fields = m.group(3);
        LogRecord.Outcome outcome = switch (m.group(4)) {
            case "sent" -> LogRecord.Outcome.DELIVERED;
            case "deferred" -> LogRecord.Outcome.DEFERRED;
            default -> LogRecord.Outcome.FAILED;
        };
        String relay = first(RELAY, fields);
        if ("none".equals(relay)) {
            relay = null;
        }
        String text = m.group(5);
        if ("expired".equals(m.group(4))) {
            // "status=expired, returned to sender" carries its last error in the deferral lines before it
            text = "message expired, returned to sender" + (text == null ? "" : ": " + text);
        }
        return List.of(new LogRecord(m.group(1), outcome,
                LogRecord.input(text, first(DSN, fields), m.group(2), null, relay, outcome), null));
    }

    private static String first(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }
}
