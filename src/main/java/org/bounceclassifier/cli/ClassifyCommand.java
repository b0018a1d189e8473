package org.bounceclassifier.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.bounceclassifier.api.BounceInputParser;
import org.bounceclassifier.api.ClassificationJson;
import org.bounceclassifier.api.InputException;
import org.bounceclassifier.api.MessageResultJson;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.engine.RuleSetException;
import org.bounceclassifier.engine.RuleSetLoader;
import org.bounceclassifier.http.HttpConfig;
import org.bounceclassifier.mail.ClassifiedMessage;
import org.bounceclassifier.mail.MailParser;
import org.bounceclassifier.mail.ParsedMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Classifies one structured bounce given as JSON (argument or stdin), or one raw bounce e-mail
 * ({@code --message FILE}), and prints the answer as JSON, as {@code POST /v1/classify} would.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Classifies one bounce given as JSON (the body of POST /v1/classify),",
                "a whole bounce e-mail with --message FILE, or a log of bounces with --ndjson FILE",
                "(- for standard input)."})
final class ClassifyCommand implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_RULES_NOT_LOADED = 3;
    /** The longest NDJSON line, as the HTTP service's default body limit. */
    private static final int MAX_LINE_BYTES = (int) HttpConfig.DEFAULT_MAX_BODY_BYTES;

    @Mixin
    RulesOptions options;

    @Option(names = "--lang", defaultValue = "${env:BOUNCE_DEFAULT_LANG:-ja}",
            description = "Language of label and remediation: ja or en (default: ${DEFAULT-VALUE}).")
    String lang;

    @Parameters(arity = "0..1", paramLabel = "JSON",
            description = "The bounce as JSON; read from standard input when omitted.")
    String json;

    @Option(names = "--message", paramLabel = "FILE",
            description = "A raw e-mail (.eml) to classify instead of JSON: a bounce, auto reply or feedback report; "
                    + "- reads it from standard input.")
    String message;

    @Option(names = "--ndjson", paramLabel = "FILE",
            description = "A log of bounces, one JSON object per line (NDJSON), to classify line by line: prints one "
                    + "answer line per input line, in order, streaming; - reads standard input.")
    String ndjson;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (message != null && ndjson != null || (message != null || ndjson != null) && json != null) {
            err.println("error: give one of a JSON bounce, --message FILE or --ndjson FILE");
            err.flush();
            return EXIT_BAD_INPUT;
        }
        if (message != null) {
            return classifyMessage(err);
        }
        if (ndjson != null) {
            return classifyNdjson(err);
        }
        String body = json != null ? json : readStdin();
        BounceInput input;
        try {
            input = BounceInputParser.parse(body);
        } catch (InputException e) {
            err.println("error: " + e.code() + ": " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        return withRules(err, rules -> ClassificationJson.toJson(rules.classify(input, lang)));
    }

    /** Streams the file (or stdin) through the rules; answers go straight to stdout, in order. */
    private Integer classifyNdjson(PrintWriter err) throws IOException {
        if (!ndjson.equals("-") && !Files.isRegularFile(Path.of(ndjson))) {
            err.println("error: --ndjson: no such file: " + ndjson);
            err.flush();
            return EXIT_BAD_INPUT;
        }
        RuleSet rules = loadRules(err);
        if (rules == null) {
            return EXIT_RULES_NOT_LOADED;
        }
        try (rules; InputStream in = ndjson.equals("-") ? System.in : Files.newInputStream(Path.of(ndjson))) {
            if (!rules.messages().hasLanguage(lang)) {
                err.println("error: --lang must be one of " + rules.messages().languages() + ", got " + lang);
                err.flush();
                return EXIT_BAD_INPUT;
            }
            NdjsonBatch.Counts counts = new NdjsonBatch(rules, lang, MAX_LINE_BYTES).run(in,
                    spec.commandLine().getOut());
            err.println(counts.lines() + " lines, " + counts.errors() + " with an error");
            err.flush();
            return 0;
        }
    }

    private Integer classifyMessage(PrintWriter err) throws IOException {
        ParsedMessage parsed;
        if (message.equals("-")) {
            parsed = parse(System.in, err);
        } else {
            Path file = Path.of(message);
            if (!Files.isRegularFile(file)) {
                err.println("error: --message: no such file: " + file);
                err.flush();
                return EXIT_BAD_INPUT;
            }
            try (InputStream in = Files.newInputStream(file)) {
                parsed = parse(in, err);
            }
        }
        if (parsed == null) {
            return EXIT_BAD_INPUT;
        }
        return withRules(err, rules -> MessageResultJson.toJson(ClassifiedMessage.classify(parsed, rules, lang)));
    }

    /** Parses the message as a stream (its attachments are never held in memory); null when it is empty. */
    private static ParsedMessage parse(InputStream in, PrintWriter err) throws IOException {
        PushbackInputStream stream = new PushbackInputStream(in, 1);
        int first = stream.read();
        if (first < 0) {
            err.println("error: the message is empty: give the bounce e-mail as it arrived, headers included");
            err.flush();
            return null;
        }
        stream.unread(first);
        return new MailParser().parse(stream);
    }

    /** The rules, or null after saying why they do not load. */
    private RuleSet loadRules(PrintWriter err) {
        try {
            return RuleSetLoader.load(options.rules);
        } catch (RuleSetException e) {
            err.println("error: the rules in " + options.rules + " do not load:");
            e.problems().forEach(p -> err.println("  " + p));
            err.flush();
            return null;
        }
    }

    /** Loads the rules, checks --lang, prints what {@code answer} makes of them. */
    private Integer withRules(PrintWriter err, Function<RuleSet, JsonObject> answer) {
        PrintWriter out = spec.commandLine().getOut();
        RuleSet rules = loadRules(err);
        if (rules == null) {
            return EXIT_RULES_NOT_LOADED;
        }
        try (rules) {
            if (!rules.messages().hasLanguage(lang)) {
                err.println("error: --lang must be one of " + rules.messages().languages() + ", got " + lang);
                err.flush();
                return EXIT_BAD_INPUT;
            }
            out.println(answer.apply(rules).encodePrettily());
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
