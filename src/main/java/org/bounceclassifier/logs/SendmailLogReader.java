package org.bounceclassifier.logs;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sendmail's delivery lines: {@code QUEUEID: to=<rcpt>[,<rcpt>...], ..., relay=HOST [ip], dsn=X.Y.Z,
 * stat=TEXT}. The status class (2, 4, 5) says delivered, deferred or failed; {@code stat=} is the
 * reason in the MTA's words (often with the receiver's reply). One line may name several
 * recipients of one message: each gets the same answer.
 */
final class SendmailLogReader implements LogReader {
    private static final Pattern LINE = Pattern.compile(
            "(?:sendmail|sm-mta|sm-msp-queue)\\[\\d+\\]: ([0-9A-Za-z]+): to=(.+?), .*?dsn=([245]\\.\\d{1,3}\\.\\d{1,3}), stat=(.*)$");
    private static final Pattern RELAY = Pattern.compile(", relay=([^,\\[ ]+?)\\.?(?: \\[|,)");
    private static final Pattern ADDRESS = Pattern.compile("<?([^<>,\\s]+@[^<>,\\s]+)>?");

    @Override
    public List<LogRecord> read(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return List.of();
        }
        String status = m.group(3);
        LogRecord.Outcome outcome = switch (status.charAt(0)) {
            case '2' -> LogRecord.Outcome.DELIVERED;
            case '4' -> LogRecord.Outcome.DEFERRED;
            default -> LogRecord.Outcome.FAILED;
        };
        Matcher r = RELAY.matcher(line);
        String relay = r.find() ? r.group(1) : null;
        String text = m.group(4);
        if (outcome == LogRecord.Outcome.DELIVERED && !text.matches("^2\\d\\d.*")) {
            text = "250 " + text;
        }
        Matcher a = ADDRESS.matcher(m.group(2));
        java.util.ArrayList<LogRecord> out = new java.util.ArrayList<>();
        while (a.find()) {
            out.add(new LogRecord(m.group(1), outcome, LogRecord.input(text, status, a.group(1), null, relay, outcome),
                    null));
        }
        return out;
    }
}
