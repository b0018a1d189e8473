package org.bounceclassifier.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bounceclassifier.mail.ClassifiedMessage;

/**
 * Pairs the reference rows of one e-mail with the results the service gave for it, as
 * {@code docs/evaluate.md} specifies: by recipient, case-insensitively; one row and one result
 * pair whatever their addresses; a row without a recipient takes the next unpaired result.
 */
final class Pairing {
    private Pairing() {
    }

    /** The outcome of every row, and the results no row took. */
    record Paired(List<RowOutcome> outcomes, List<ClassifiedMessage.Result> unpaired) {
    }

    static Paired pair(List<LabelRow> rows, List<ClassifiedMessage.Result> results, String layout) {
        ClassifiedMessage.Result[] taken = new ClassifiedMessage.Result[rows.size()];
        boolean[] used = new boolean[results.size()];
        if (rows.size() == 1 && results.size() == 1) {
            taken[0] = results.get(0);
            used[0] = true;
        } else {
            for (int i = 0; i < rows.size(); i++) {
                String want = rows.get(i).recipient();
                if (want.isEmpty()) {
                    continue;
                }
                for (int j = 0; j < results.size(); j++) {
                    if (!used[j] && want.equals(lower(results.get(j).recipient().recipient()))) {
                        taken[i] = results.get(j);
                        used[j] = true;
                        break;
                    }
                }
            }
            int next = 0;
            for (int i = 0; i < rows.size(); i++) {
                if (taken[i] != null || !rows.get(i).recipient().isEmpty()) {
                    continue;
                }
                while (next < results.size() && used[next]) {
                    next++;
                }
                if (next < results.size()) {
                    taken[i] = results.get(next);
                    used[next] = true;
                }
            }
        }
        List<RowOutcome> outcomes = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            outcomes.add(new RowOutcome(rows.get(i), taken[i], layout));
        }
        List<ClassifiedMessage.Result> unpaired = new ArrayList<>();
        for (int j = 0; j < results.size(); j++) {
            if (!used[j]) {
                unpaired.add(results.get(j));
            }
        }
        return new Paired(outcomes, unpaired);
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
