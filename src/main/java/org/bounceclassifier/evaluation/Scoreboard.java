package org.bounceclassifier.evaluation;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.mail.ClassifiedMessage;

/** The tallies of one evaluation: agreement overall, per reference reason and per layout. */
public final class Scoreboard {
    /** One cell of the confusion table: how many rows, and the first file that fell in it. */
    public record Cell(String reason, String answer, boolean agrees, int rows, String example) {
    }

    /** The rows read by one layout and how many of them agree. */
    public record LayoutScore(String layout, int rows, int category, int type) {
    }

    private int files;
    private int unlabelledFiles;
    private int rows;
    private int found;
    private int category;
    private int type;
    private int falseHard;
    private int falseSoft;
    private int answered;
    private int unknown;
    private int extra;
    private final Map<String, Cell> cells = new TreeMap<>();
    private final Map<String, LayoutScore> layouts = new TreeMap<>();

    void file(boolean labelled) {
        files++;
        if (!labelled) {
            unlabelledFiles++;
        }
    }

    void extra(ClassifiedMessage.Result result) {
        extra++;
    }

    void add(RowOutcome o) {
        rows++;
        found += o.found() ? 1 : 0;
        category += o.categoryAgrees() ? 1 : 0;
        type += o.typeAgrees() ? 1 : 0;
        falseHard += o.falseHard() ? 1 : 0;
        falseSoft += o.falseSoft() ? 1 : 0;
        if (o.result() != null) {
            answered++;
            unknown += o.result().classification().category() == Category.UNKNOWN ? 1 : 0;
        }
        String key = o.row().reason() + "\u0000" + o.answer();
        cells.merge(key, new Cell(o.row().reason(), o.answer(), o.categoryAgrees(), 1, o.row().file()),
                (a, b) -> new Cell(a.reason(), a.answer(), a.agrees(), a.rows() + 1, a.example()));
        layouts.merge(o.layout(), new LayoutScore(o.layout(), 1, o.categoryAgrees() ? 1 : 0, o.typeAgrees() ? 1 : 0),
                (a, b) -> new LayoutScore(a.layout(), a.rows() + 1, a.category() + b.category(), a.type() + b.type()));
    }

    public int files() {
        return files;
    }

    public int unlabelledFiles() {
        return unlabelledFiles;
    }

    public int rows() {
        return rows;
    }

    public int found() {
        return found;
    }

    public int categoryAgreements() {
        return category;
    }

    public int typeAgreements() {
        return type;
    }

    public int falseHard() {
        return falseHard;
    }

    public int falseSoft() {
        return falseSoft;
    }

    /** Rows that got a result. */
    public int answered() {
        return answered;
    }

    /** Rows whose result is {@code unknown}. */
    public int unknown() {
        return unknown;
    }

    /** Results that no reference row named. */
    public int extraResults() {
        return extra;
    }

    /** Every cell, by reference reason, then the most rows first. */
    public List<Cell> confusion() {
        return cells.values().stream()
                .sorted(Comparator.comparing(Cell::reason).thenComparing(Comparator.comparingInt(Cell::rows).reversed())
                        .thenComparing(Cell::answer))
                .toList();
    }

    public List<LayoutScore> layouts() {
        return List.copyOf(layouts.values());
    }

    public static double percent(int part, int whole) {
        return whole == 0 ? 0.0 : 100.0 * part / whole;
    }

    /** The last line of the report, the one scripts and the team's notes quote. */
    public String closingLine() {
        return String.format(java.util.Locale.ROOT, "evaluate: category %.1f%% hardsoft %.1f%% found %.1f%% falsehard %d unknown %.1f%%",
                percent(category, rows), percent(type, rows), percent(found, rows), falseHard,
                percent(unknown, answered));
    }
}
