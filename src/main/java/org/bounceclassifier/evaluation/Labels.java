package org.bounceclassifier.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bounceclassifier.engine.BounceType;
import org.bounceclassifier.engine.Category;

/**
 * Reads a labels file: tab-separated, a header line naming the columns {@code file recipient
 * status reason accepted_categories expected_type type_exceptions} (in any order; extra columns
 * are ignored), one row per reported recipient. The format is documented in {@code docs/evaluate.md}.
 */
public final class Labels {
    private static final List<String> REQUIRED = List.of("file", "recipient", "reason", "accepted_categories",
            "expected_type");

    private Labels() {
    }

    /** Every row, grouped by file in the order the file lists them. */
    public static Map<String, List<LabelRow>> read(Path tsv) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new LabelsException(tsv + ": empty; the first line must name the columns " + REQUIRED);
            }
            Map<String, Integer> columns = columns(tsv, header);
            Map<String, List<LabelRow>> out = new LinkedHashMap<>();
            int lineNo = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                LabelRow row = row(line.split("\t", -1), columns, tsv + ":" + lineNo);
                out.computeIfAbsent(row.file(), f -> new ArrayList<>()).add(row);
            }
            return out;
        }
    }

    private static Map<String, Integer> columns(Path tsv, String header) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        String[] names = header.split("\t", -1);
        for (int i = 0; i < names.length; i++) {
            columns.put(names[i].strip().toLowerCase(Locale.ROOT), i);
        }
        for (String name : REQUIRED) {
            if (!columns.containsKey(name)) {
                throw new LabelsException(tsv + ":1: the header has no column '" + name + "' (columns: "
                        + Arrays.toString(names) + "; required: " + REQUIRED + ")");
            }
        }
        return columns;
    }

    private static LabelRow row(String[] cells, Map<String, Integer> columns, String where) {
        String file = cell(cells, columns, "file");
        if (file.isEmpty()) {
            throw new LabelsException(where + ": the file column is empty");
        }
        EnumSet<Category> accepted = EnumSet.noneOf(Category.class);
        for (String id : cell(cells, columns, "accepted_categories").split(",")) {
            if (!id.isBlank()) {
                accepted.add(category(id.strip(), where));
            }
        }
        Map<Category, BounceType> exceptions = new EnumMap<>(Category.class);
        for (String pair : cell(cells, columns, "type_exceptions").split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new LabelsException(where + ": type_exceptions must be category=type pairs, got '" + pair + "'");
            }
            exceptions.put(category(pair.substring(0, eq).strip(), where), type(pair.substring(eq + 1).strip(), where));
        }
        return new LabelRow(file, cell(cells, columns, "recipient").toLowerCase(Locale.ROOT),
                cell(cells, columns, "status"), cell(cells, columns, "reason").toLowerCase(Locale.ROOT), accepted,
                type(cell(cells, columns, "expected_type"), where), exceptions);
    }

    private static String cell(String[] cells, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        return i == null || i >= cells.length ? "" : cells[i].strip();
    }

    private static Category category(String id, String where) {
        return Category.fromId(id).orElseThrow(
                () -> new LabelsException(where + ": '" + id + "' is not a category id (see docs/taxonomy.md)"));
    }

    private static BounceType type(String id, String where) {
        try {
            return BounceType.fromId(id.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LabelsException(where + ": expected_type must be hard, soft or none, got '" + id + "'");
        }
    }

    /** A labels file that cannot be read as one, with the line that is wrong. */
    public static final class LabelsException extends RuntimeException {
        LabelsException(String message) {
            super(message);
        }
    }
}
