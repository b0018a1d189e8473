package org.bounceclassifier.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.bounceclassifier.api.RulesJson;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.LoadAttempt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the same gate a reload runs (compile, categories, texts, every case and example) without
 * serving, so a rules repository can check a change in its own CI before deploying it.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a rules directory the way a reload would; exit 1 if the service would refuse it.")
final class ValidateCommand implements Callable<Integer> {
    static final int EXIT_REJECTED = 1;

    @Mixin
    RulesOptions options;

    @Option(names = "--json", description = "Print the report as the JSON of GET /v1/rules' lastAttempt.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (CurrentRules rules = new CurrentRules(options.rules, options.rulesTests, true)) {
            LoadAttempt attempt = rules.load("validate");
            if (json) {
                out.println(RulesJson.attempt(attempt).encodePrettily());
            } else {
                attempt.problems().forEach(p -> out.println("ERROR " + p));
                attempt.failedChecks().forEach(r -> out.println("FAIL " + r.title() + ": " + r.message()));
                attempt.unexercisedRules().forEach(r -> out.println("WARN " + r + " is exercised by no rule case"));
                out.println(attempt.ok()
                        ? "ok: rules " + attempt.version() + " would serve (" + rules.get().ruleCount() + " rules)"
                        : "rejected: the service would keep serving its previous rules");
            }
            out.flush();
            return attempt.ok() ? 0 : EXIT_REJECTED;
        }
    }
}
