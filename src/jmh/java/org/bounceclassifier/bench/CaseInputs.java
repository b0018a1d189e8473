package org.bounceclassifier.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bounceclassifier.api.BounceInputParser;
import org.bounceclassifier.api.InputException;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.rulecases.RuleCase;
import org.bounceclassifier.rulecases.RuleCaseLoader;

/**
 * The realistic mix the benchmarks classify: the input of every case in {@code rules-tests/},
 * exactly as the API would read it (all receivers, all categories, short and long texts).
 */
public final class CaseInputs {
    private CaseInputs() {
    }

    public static List<BounceInput> load(Path casesDir) {
        RuleCaseLoader.Loaded loaded = RuleCaseLoader.load(casesDir);
        List<BounceInput> inputs = new ArrayList<>();
        for (RuleCase c : loaded.cases()) {
            try {
                inputs.add(BounceInputParser.parse(c.input()));
            } catch (InputException e) {
                // a case the API refuses is no classification; the gate reports it
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalStateException("no rule cases under " + casesDir.toAbsolutePath()
                    + "; run from the project directory or pass -p cases=DIR");
        }
        return List.copyOf(inputs);
    }
}
