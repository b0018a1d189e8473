package org.bounceclassifier.evaluation;

import java.io.PrintWriter;
import java.util.Locale;

/** The report a person reads: totals, the confusion table, the layouts, and the closing line. */
public final class ScoreboardText {
    private ScoreboardText() {
    }

    public static void print(Scoreboard b, PrintWriter out) {
        int rows = b.rows();
        out.printf(Locale.ROOT, "files                %d (%d without labels)%n", b.files(), b.unlabelledFiles());
        out.printf(Locale.ROOT, "recipients expected  %d, found %d (%.1f %%), results no row named %d%n", rows,
                b.found(), Scoreboard.percent(b.found(), rows), b.extraResults());
        out.printf(Locale.ROOT, "category agreement   %d of %d (%.1f %%)%n", b.categoryAgreements(), rows,
                Scoreboard.percent(b.categoryAgreements(), rows));
        out.printf(Locale.ROOT, "hard/soft agreement  %d of %d (%.1f %%)%n", b.typeAgreements(), rows,
                Scoreboard.percent(b.typeAgreements(), rows));
        out.printf(Locale.ROOT, "false hard           %d (hard where the reference says soft or none)%n", b.falseHard());
        out.printf(Locale.ROOT, "false soft           %d (soft or none where the reference says hard)%n", b.falseSoft());
        out.printf(Locale.ROOT, "unknown              %d of %d answered (%.1f %%)%n", b.unknown(), b.answered(),
                Scoreboard.percent(b.unknown(), b.answered()));
        out.println();
        out.println("confusion (reference reason -> our category; rows; an example file; x marks disagreement)");
        for (Scoreboard.Cell c : b.confusion()) {
            out.printf(Locale.ROOT, "  %s %-16s -> %-20s %4d  %s%n", c.agrees() ? " " : "x", c.reason(), c.answer(),
                    c.rows(), c.example());
        }
        out.println();
        out.println("per layout (rows; category and hard/soft agreement)");
        for (Scoreboard.LayoutScore l : b.layouts()) {
            out.printf(Locale.ROOT, "  %-20s %4d  category %5.1f %%  hard/soft %5.1f %%%n", l.layout(), l.rows(),
                    Scoreboard.percent(l.category(), l.rows()), Scoreboard.percent(l.type(), l.rows()));
        }
        out.println(b.closingLine());
        out.flush();
    }
}
