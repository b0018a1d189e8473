package org.bounceclassifier.api;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.ledger.EmailAddress;
import org.bounceclassifier.ledger.SuppressionImport;

/**
 * Reads a suppression list to import: CSV (RFC 4180) with a header naming the columns, in any
 * order and case: {@code address} and {@code reason} required, {@code date} (2026-11-24 or an
 * instant) and {@code category} (a category id) optional; other columns are ignored (an export
 * from another platform can be sent as it is). Read as a stream, record by record.
 */
public final class SuppressionImportCsv {
    /** The errors listed in an answer; the count says how many there were in all. */
    public static final int MAX_ERRORS_SHOWN = 100;

    /** What is wrong with one row; {@code row} 1 is the first row after the header. */
    public record RowError(long row, String message) {
    }

    /** The list's rows, or what is wrong with it (then nothing may be imported). */
    public record Checked(long rows, long errorCount, List<RowError> errors) {
        public boolean ok() {
            return errorCount == 0;
        }
    }

    private SuppressionImportCsv() {
    }

    private static CSVFormat format() {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get();
    }

    /** Reads the whole list and says what is wrong with it, row by row. */
    public static Checked check(Reader csv) throws InputException {
        long rows = 0;
        long errorCount = 0;
        List<RowError> errors = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(csv, format())) {
            Columns columns = Columns.of(parser.getHeaderMap());
            for (CSVRecord record : parser) {
                rows++;
                String problem = problem(columns, record);
                if (problem != null) {
                    errorCount++;
                    if (errors.size() < MAX_ERRORS_SHOWN) {
                        errors.add(new RowError(rows, problem));
                    }
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // commons-csv reports a broken quote or a duplicate header this way
            throw new InputException("invalid_csv", "the file is not CSV the import can read (" + e.getMessage()
                    + "); nothing was imported");
        }
        if (rows == 0) {
            throw new InputException("empty_list", "the list has a header but no rows; nothing was imported");
        }
        return new Checked(rows, errorCount, List.copyOf(errors));
    }

    /** The rows of a list that {@link #check} found without errors, read again as a stream. */
    public static Iterator<SuppressionImport.Row> rows(Reader csv) {
        try {
            CSVParser parser = CSVParser.parse(csv, format());
            Columns columns = Columns.of(parser.getHeaderMap());
            Iterator<CSVRecord> records = parser.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return records.hasNext();
                }

                @Override
                public SuppressionImport.Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return row(columns, records.next());
                }
            };
        } catch (IOException | InputException e) {
            throw new IllegalStateException("a list that was checked reads again: " + e.getMessage(), e);
        }
    }

    /** Where the columns are. */
    private record Columns(int address, int reason, int date, int category) {
        static Columns of(Map<String, Integer> header) throws InputException {
            if (header == null || header.isEmpty()) {
                throw new InputException("invalid_csv", "the list needs a header line naming its columns:"
                        + " address,reason[,date][,category]; nothing was imported");
            }
            Map<String, Integer> byName = new TreeMap<>();
            // a spreadsheet's UTF-8 byte order mark sticks to the first name
            header.forEach((name, index) -> byName.put(name.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT),
                    index));
            Integer address = byName.get("address");
            Integer reason = byName.get("reason");
            if (address == null || reason == null) {
                throw new InputException("invalid_csv", "the header must name the columns address and reason"
                        + " (date and category are optional), got " + header.keySet() + "; nothing was imported");
            }
            return new Columns(address, reason, byName.getOrDefault("date", -1), byName.getOrDefault("category", -1));
        }
    }

    private static String field(CSVRecord record, int index) {
        if (index < 0 || index >= record.size()) {
            return null;
        }
        String v = record.get(index).strip();
        return v.isEmpty() ? null : v;
    }

    /** What is wrong with a row, or null. */
    private static String problem(Columns columns, CSVRecord record) {
        String address = field(record, columns.address());
        if (address == null) {
            return "address is empty";
        }
        if (EmailAddress.tryParse(address) == null) {
            return "\"" + abbreviate(address) + "\" is not an e-mail address";
        }
        String reason = field(record, columns.reason());
        if (reason == null) {
            return "reason is empty: say why the address is suppressed (it goes into the audit trail)";
        }
        if (reason.length() > LedgerRequests.MAX_REASON_LENGTH) {
            return "reason is longer than " + LedgerRequests.MAX_REASON_LENGTH + " characters";
        }
        String date = field(record, columns.date());
        if (date != null && instant(date) == null) {
            return "date must be 2026-11-24 or 2026-11-24T09:00:00Z, got \"" + abbreviate(date) + "\"";
        }
        String category = field(record, columns.category());
        if (category != null && Category.fromId(category).isEmpty()) {
            return "category must be a category id such as bad_mailbox (GET /v1/categories), got \""
                    + abbreviate(category) + "\"";
        }
        return null;
    }

    private static SuppressionImport.Row row(Columns columns, CSVRecord record) {
        String date = field(record, columns.date());
        return new SuppressionImport.Row(EmailAddress.parse(field(record, columns.address())),
                field(record, columns.reason()), date == null ? null : instant(date), field(record, columns.category()));
    }

    private static Instant instant(String s) {
        try {
            return s.length() == "yyyy-mm-dd".length()
                    ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
