package org.bounceclassifier.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.engine.RuleSetException;
import org.bounceclassifier.engine.RuleSetLoader;
import org.bounceclassifier.rulecases.RuleGate;
import org.bounceclassifier.rulecases.RuleStats;
import org.bounceclassifier.rulecases.TaxonomyTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Runs every rule case and every rule example, prints one line per failure, a warning per evidence
 * rule that no case exercises, optionally the statistics, and a closing line {@code N passed, M
 * failed}; exits 1 on any failure, 2 when the rules do not load. Unexercised rules do not fail.
 */
@Command(name = "test-rules", mixinStandardHelpOptions = true,
        description = "Checks the rules against rules-tests/ and their own @example texts.")
final class TestRulesCommand implements Callable<Integer> {
    static final int EXIT_FAILED = 1;
    static final int EXIT_NOT_LOADED = 2;

    @Mixin
    RulesOptions options;

    @Option(names = "--stats", description = "Also print rules and cases per category and per receiver family, "
            + "and the share of cases ending in unknown (Markdown tables).")
    boolean stats;

    @Option(names = "--taxonomy", description = "Print only the categories as the rules define them (id, type, action, "
            + "labels) as the Markdown table of docs/taxonomy.md, and run no case.")
    boolean taxonomy;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RuleSet rules;
        try {
            rules = RuleSetLoader.load(options.rules);
        } catch (RuleSetException e) {
            out.println("The rules in " + options.rules + " do not load:");
            e.problems().forEach(p -> out.println("  " + p));
            out.println("0 passed, " + e.problems().size() + " failed");
            out.flush();
            return EXIT_NOT_LOADED;
        }
        try (rules) {
            if (taxonomy) {
                out.print(TaxonomyTable.markdown(rules));
                out.flush();
                return 0;
            }
            RuleGate.Report report = RuleGate.check(rules, options.rulesTests);
            report.failures().forEach(r -> out.println("FAIL " + r.title() + ": " + r.message()));
            report.unexercisedRules().forEach(r -> out.println("WARN " + r.file() + ":" + r.line() + ": rule \""
                    + r.name() + "\" proposes nothing in any rule case: add a case that needs it"));
            if (!report.unexercisedRules().isEmpty()) {
                out.println(report.unexercisedRules().size() + " evidence rules are exercised by no rule case "
                        + "(a warning: their @example texts still pass)");
            }
            if (stats) {
                out.println();
                out.print(RuleStats.of(rules, report).toMarkdown());
                out.println();
            }
            out.println("rules " + rules.version() + ": " + rules.ruleCount() + " rules, " + report.cases() + " cases");
            out.println(report.summary());
            out.flush();
            return report.ok() ? 0 : EXIT_FAILED;
        }
    }
}
