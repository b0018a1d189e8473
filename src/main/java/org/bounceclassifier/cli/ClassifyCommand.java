package org.bounceclassifier.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.bounceclassifier.api.BounceInputParser;
import org.bounceclassifier.api.ClassificationJson;
import org.bounceclassifier.api.InputException;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.engine.RuleSetException;
import org.bounceclassifier.engine.RuleSetLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Classifies one structured bounce given as JSON (argument or stdin) and prints the answer as JSON. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classifies one bounce given as JSON (the body of POST /v1/classify).")
final class ClassifyCommand implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_RULES_NOT_LOADED = 3;

    @Mixin
    RulesOptions options;

    @Option(names = "--lang", defaultValue = "${env:BOUNCE_DEFAULT_LANG:-ja}",
            description = "Language of label and remediation: ja or en (default: ${DEFAULT-VALUE}).")
    String lang;

    @Parameters(arity = "0..1", paramLabel = "JSON",
            description = "The bounce as JSON; read from standard input when omitted.")
    String json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String body = json != null ? json : readStdin();
        BounceInput input;
        try {
            input = BounceInputParser.parse(body);
        } catch (InputException e) {
            err.println("error: " + e.code() + ": " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        RuleSet rules;
        try {
            rules = RuleSetLoader.load(options.rules);
        } catch (RuleSetException e) {
            err.println("error: the rules in " + options.rules + " do not load:");
            e.problems().forEach(p -> err.println("  " + p));
            err.flush();
            return EXIT_RULES_NOT_LOADED;
        }
        try (rules) {
            if (!rules.messages().hasLanguage(lang)) {
                err.println("error: --lang must be one of " + rules.messages().languages() + ", got " + lang);
                err.flush();
                return EXIT_BAD_INPUT;
            }
            out.println(ClassificationJson.toJson(rules.classify(input, lang)).encodePrettily());
            out.flush();
            return 0;
        }
    }

    private static String readStdin() throws IOException {
        try (InputStream in = System.in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
