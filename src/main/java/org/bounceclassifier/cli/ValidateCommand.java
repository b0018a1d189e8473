package org.bounceclassifier.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bounceclassifier.api.InputException;
import org.bounceclassifier.api.RulesJson;
import org.bounceclassifier.api.TrafficSampleJson;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.engine.RuleSetException;
import org.bounceclassifier.engine.RuleSetLoader;
import org.bounceclassifier.ledger.TrafficSampleEntry;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ImpactCheck;
import org.bounceclassifier.service.ImpactText;
import org.bounceclassifier.service.LoadAttempt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the same gate a reload runs (compile, categories, texts, every case and example) without
 * serving, so a rules repository can check a change in its own CI before deploying it; with
 * {@code --impact}, also what the change does to real traffic (an exported traffic sample) against
 * a baseline rules directory, and the same {@code --max-impact} limit a service applies.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a rules directory the way a reload would; exit 1 if the service would refuse it.")
final class ValidateCommand implements Callable<Integer> {
    static final int EXIT_REJECTED = 1;
    /** An option is wrong: nothing was compiled. */
    static final int EXIT_USAGE = 2;

    @Mixin
    RulesOptions options;

    @Option(names = "--json", description = "Print the report as the JSON of GET /v1/rules' lastAttempt.")
    boolean json;

    @Option(names = "--impact", description = "Also report how the answers on --traffic change from --baseline's.")
    boolean impact;

    @Option(names = "--traffic", paramLabel = "FILE",
            description = "A traffic sample as GET /v1/traffic/sample.ndjson exports it (with --impact).")
    Path traffic;

    @Option(names = "--baseline", paramLabel = "DIR",
            description = "The rules directory to compare with, e.g. a checkout of what serves (with --impact).")
    Path baseline;

    @Option(names = "--max-impact", paramLabel = "PERCENT",
            description = "Exit 1 when more than this percentage of the sample's answers would change (with --impact).")
    Double maxImpact;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<TrafficSampleEntry> sample = null;
        RuleSet baselineRules = null;
        if (impact || traffic != null || baseline != null || maxImpact != null) {
            // every option before the rules compile: a typo is answered at once
            String wrong = checkImpactOptions();
            if (wrong == null) {
                try {
                    sample = readSample(traffic);
                } catch (IOException e) {
                    wrong = "--traffic " + traffic + " cannot be read: " + e.getMessage();
                } catch (SampleLineException e) {
                    wrong = e.getMessage();
                }
            }
            if (wrong != null) {
                err.println("error: " + wrong);
                err.flush();
                return EXIT_USAGE;
            }
            try {
                baselineRules = RuleSetLoader.load(baseline);
            } catch (RuleSetException e) {
                err.println("error: --baseline " + baseline + " does not compile, nothing to compare with: "
                        + e.problems().get(0));
                err.flush();
                return EXIT_USAGE;
            }
        }
        try (CurrentRules rules = new CurrentRules(options.rules, options.rulesTests, true)) {
            if (baselineRules != null) {
                rules.checkImpactWith(ImpactCheck.offline(baselineRules, sample, maxImpact));
            }
            LoadAttempt attempt = rules.load("validate");
            if (json) {
                out.println(RulesJson.attempt(attempt).encodePrettily());
            } else {
                attempt.problems().forEach(p -> out.println("ERROR " + p));
                attempt.failedChecks().forEach(r -> out.println("FAIL " + r.title() + ": " + r.message()));
                attempt.unexercisedRules().forEach(r -> out.println("WARN " + r + " is exercised by no rule case"));
                if (attempt.impact() != null) {
                    ImpactText.lines(attempt.impact()).forEach(out::println);
                }
                out.println(attempt.ok()
                        ? "ok: rules " + attempt.version() + " would serve (" + rules.get().ruleCount() + " rules)"
                        : "rejected: the service would keep serving its previous rules"
                                + (attempt.refusal() == null ? "" : ": " + attempt.refusal()));
            }
            out.flush();
            return attempt.ok() ? 0 : EXIT_REJECTED;
        } finally {
            if (baselineRules != null) {
                baselineRules.close();
            }
        }
    }

    /** What is wrong with the impact options, or null. */
    private String checkImpactOptions() {
        if (!impact) {
            return "--traffic, --baseline and --max-impact go with --impact";
        }
        if (traffic == null) {
            return "--impact needs --traffic FILE (a sample exported from GET /v1/traffic/sample.ndjson)";
        }
        if (baseline == null) {
            return "--impact needs --baseline DIR (the rules to compare with, e.g. a checkout of what serves)";
        }
        if (!Files.isRegularFile(traffic)) {
            return "--traffic " + traffic + " is not a file";
        }
        if (!Files.isDirectory(baseline)) {
            return "--baseline " + baseline + " is not a directory";
        }
        if (maxImpact != null && (maxImpact.isNaN() || maxImpact < 0 || maxImpact > 100)) {
            return "--max-impact must be a percentage from 0 to 100, not " + maxImpact;
        }
        return null;
    }

    private static final class SampleLineException extends Exception {
        SampleLineException(String message) {
            super(message, null, false, false);
        }
    }

    private static List<TrafficSampleEntry> readSample(Path file) throws IOException, SampleLineException {
        List<TrafficSampleEntry> entries = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    entries.add(TrafficSampleJson.parse(line));
                } catch (InputException e) {
                    throw new SampleLineException("--traffic " + file + " line " + number + ": " + e.getMessage());
                }
            }
        }
        return entries;
    }
}
