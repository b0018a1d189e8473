package org.bounceclassifier.rulecases;

import org.bounceclassifier.engine.Category;
import org.bounceclassifier.engine.Messages;
import org.bounceclassifier.engine.RuleSet;

/**
 * The taxonomy as the rules define it today, as a Markdown table for docs/taxonomy.md: every id,
 * its default type, the action and retry delay the remediation rules give it on its own, and its
 * labels in Japanese and English. Generated, so the document cannot drift from the rules.
 */
public final class TaxonomyTable {
    private TaxonomyTable() {
    }

    public static String markdown(RuleSet rules) {
        Messages messages = rules.messages();
        StringBuilder out = new StringBuilder();
        out.append("| id | type | action | retry after | ja | en |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Category c : Category.values()) {
            RuleSet.Remedy remedy = rules.defaultRemedy(c);
            out.append("| `").append(c.id()).append("` | ").append(c.defaultType().id())
                    .append(" | ").append(remedy.action().id())
                    .append(" | ").append(remedy.retryAfterSeconds() == null ? "" : remedy.retryAfterSeconds() + " s")
                    .append(" | ").append(cell(messages.text(c, "ja").label()))
                    .append(" | ").append(cell(messages.text(c, "en").label()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ").strip();
    }
}
