package org.bounceclassifier.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.bounceclassifier.ledger.Recipient;

/** The CSV export of the suppression list (RFC 4180: comma separated, quoted where needed, CRLF). */
public final class SuppressionCsv {
    private static final String[] HEADER = {"address", "domain", "category", "suppressed_at", "event_id",
        "matched_rules"};
    /** Rule names contain commas and colons, never this. */
    private static final String RULE_SEPARATOR = " | ";

    private SuppressionCsv() {
    }

    public static String header() {
        return print(List.of(), true);
    }

    public static String rows(List<Recipient> suppressed) {
        return print(suppressed, false);
    }

    private static String print(List<Recipient> suppressed, boolean header) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            if (header) {
                csv.printRecord((Object[]) HEADER);
            }
            for (Recipient r : suppressed) {
                Recipient.Suppression s = r.suppression();
                csv.printRecord(r.address().value(), r.address().domain(), s.category(), s.at().toString(),
                        s.eventId(), String.join(RULE_SEPARATOR, s.matchedRules()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder does not fail", e);
        }
        return out.toString();
    }
}
