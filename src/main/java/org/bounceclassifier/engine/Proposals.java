package org.bounceclassifier.engine;

import org.kie.api.runtime.rule.RuleContext;

/**
 * The one thing an evidence rule does: propose a category with a strength, under its own name.
 *
 * <p>Rule files import it with {@code import function org.bounceclassifier.engine.Proposals.propose;}
 * and write {@code propose(kcontext, Category.BAD_MAILBOX, Strength.TEXT);}.
 */
public final class Proposals {
    private Proposals() {
    }

    public static void propose(RuleContext rule, Category category, int strength) {
        rule.getKieRuntime().insert(new Candidate(category, strength, rule.getRule().getName()));
    }
}
