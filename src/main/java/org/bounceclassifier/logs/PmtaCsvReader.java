package org.bounceclassifier.logs;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * PowerMTA's accounting file: CSV whose first line names the columns ({@code type,timeLogged,
 * orig,rcpt,dsnAction,dsnStatus,dsnDiag,dsnMta,bounceCat,...}); the record type is {@code d}
 * delivered, {@code b} bounced, {@code t} transient (deferred), {@code rb} a remote bounce that came
 * back later, {@code f} a feedback report. {@code bounceCat} is PowerMTA's own category, kept as
 * evidence. A header line may appear again (a rotated file appended to), and replaces the columns.
 * Quoting follows RFC 4180, read by Apache Commons CSV.
 */
final class PmtaCsvReader implements LogReader {
    private Map<String, Integer> columns;

    @Override
    public List<LogRecord> read(String line) {
        List<String> cells = cells(line);
        if (cells.isEmpty()) {
            return List.of();
        }
        if ("type".equalsIgnoreCase(cells.get(0).strip())) {
            columns = new HashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                columns.put(cells.get(i).strip().toLowerCase(Locale.ROOT), i);
            }
            return List.of();
        }
        if (columns == null) {
            return List.of();
        }
        LogRecord.Outcome outcome = switch (cell(cells, "type")) {
            case "d" -> LogRecord.Outcome.DELIVERED;
            case "t", "tq" -> LogRecord.Outcome.DEFERRED;
            case "b", "rb" -> LogRecord.Outcome.FAILED;
            case "f" -> LogRecord.Outcome.COMPLAINT;
            default -> null;
        };
        if (outcome == null) {
            return List.of();
        }
        String diag = cell(cells, "dsndiag");
        int semicolon = diag.indexOf(';');
        if (semicolon > 0 && semicolon < 10) {
            diag = diag.substring(semicolon + 1).strip(); // "smtp;550 5.1.1 ..." -> the reply
        }
        if (outcome == LogRecord.Outcome.COMPLAINT) {
            diag = "feedback-type: abuse " + diag;
        }
        String status = cell(cells, "dsnstatus");
        int space = status.indexOf(' ');
        status = space > 0 ? status.substring(0, space) : status; // "5.1.1 (bad destination mailbox address)"
        Map<String, String> verdict = new HashMap<>();
        String category = cell(cells, "bouncecat");
        if (!category.isEmpty()) {
            verdict.put("pmta.bounceCat", category);
        }
        String id = cell(cells, "jobid");
        String envelope = cell(cells, "envid");
        String messageId = id.isEmpty() && envelope.isEmpty() ? null : id + ":" + envelope;
        String mta = cell(cells, "dsnmta");
        if (mta.indexOf(';') > 0) {
            mta = mta.substring(mta.indexOf(';') + 1).strip();
        }
        return List.of(new LogRecord(messageId, outcome,
                LogRecord.input(diag, status, cell(cells, "rcpt"), cell(cells, "orig"), mta, outcome), verdict));
    }

    private String cell(List<String> cells, String name) {
        Integer i = columns.get(name);
        return i == null || i >= cells.size() ? "" : cells.get(i).strip();
    }

    private static List<String> cells(String line) {
        try (var parser = CSVFormat.RFC4180.parse(new StringReader(line))) {
            List<String> out = new ArrayList<>();
            for (CSVRecord r : parser) {
                r.forEach(out::add);
                break;
            }
            return out;
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            return List.of(); // a damaged line: nothing to read, the next one may be fine
        }
    }
}
