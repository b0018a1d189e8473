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
import org.bounceclassifier.logs.LogFormat;
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
                "a whole bounce e-mail with --message FILE, a log of bounces with --ndjson FILE,",
                "or an MTA's own log with --log FILE --format postfix|exim|sendmail|kumomta|pmta",
                "(- for standard input; --follow keeps reading a growing file)."})
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

    @Option(names = "--log", paramLabel = "FILE",
            description = "An MTA log to classify line by line (--format says which MTA): prints one answer line per "
                    + "delivery attempt (failures, deferrals and deliveries); - reads standard input.")
    String log;

    @Option(names = "--format", paramLabel = "MTA",
            description = "The format of --log: postfix, exim, sendmail, kumomta or pmta.")
    String format;

    @Option(names = "--follow", description = "With --log FILE: keep reading lines appended to the file, across "
            + "rotation, until interrupted (Ctrl-C).")
    boolean follow;

    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:BOUNCE_SERVER}",
            description = "Ask the service running at URL (e.g. http://127.0.0.1:8080) instead of loading the rules "
                    + "here: a one-shot answer without compiling them (a JSON bounce or --message; env BOUNCE_SERVER).")
    String server;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        int sources = (json != null ? 1 : 0) + (message != null ? 1 : 0) + (ndjson != null ? 1 : 0) + (log != null ? 1 : 0);
        if (sources > 1) {
            err.println("error: give one of a JSON bounce, --message FILE, --ndjson FILE or --log FILE");
            err.flush();
            return EXIT_BAD_INPUT;
        }
        if (log != null || format != null || follow) {
            return classifyLog(err);
        }
        if (server != null && (ndjson != null || log != null)) {
            err.println("error: --server answers one JSON bounce or one --message; --ndjson and --log run here");
            err.flush();
            return EXIT_BAD_INPUT;
        }
        if (message != null) {
            if (server != null) {
                byte[] raw = message.equals("-") ? System.in.readAllBytes() : readFile(Path.of(message), err);
                return raw == null ? EXIT_BAD_INPUT : remote("message/rfc822", raw, err);
            }
            return classifyMessage(err);
        }
        if (ndjson != null) {
            return classifyNdjson(err);
        }
        String body = json != null ? json : readStdin();
        if (server != null) {
            return remote("application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8), err);
        }
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

    /** Prints the running service's answer; its 400 is this command's bad input. */
    private Integer remote(String contentType, byte[] body, PrintWriter err) {
        RemoteClassify.Answer answer;
        try {
            answer = RemoteClassify.post(server, lang, contentType, body);
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: cannot reach the service at " + server + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "): is serve running there? Without --server the rules are loaded here.");
            err.flush();
            return EXIT_RULES_NOT_LOADED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_RULES_NOT_LOADED;
        }
        if (answer.status() != 200) {
            err.println("error: " + answer.error());
            err.flush();
            return answer.status() == 400 || answer.status() == 413 || answer.status() == 415
                    ? EXIT_BAD_INPUT : EXIT_RULES_NOT_LOADED;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(answer.pretty());
        out.flush();
        return 0;
    }

    private static byte[] readFile(Path file, PrintWriter err) throws IOException {
        if (!Files.isRegularFile(file)) {
            err.println("error: --message: no such file: " + file);
            err.flush();
            return null;
        }
        return Files.readAllBytes(file);
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

    /** Reads an MTA log (or follows it) and prints one answer per delivery attempt. */
    private Integer classifyLog(PrintWriter err) throws IOException {
        java.util.Optional<LogFormat> logFormat = format == null ? java.util.Optional.empty() : LogFormat.fromId(format);
        String problem = log == null ? "--format and --follow go with --log FILE"
                : logFormat.isEmpty() ? "--format must be one of postfix, exim, sendmail, kumomta, pmta"
                        + (format == null ? "" : ", got " + format)
                : follow && log.equals("-") ? "--follow needs a file, not standard input"
                : !log.equals("-") && !Files.isRegularFile(Path.of(log)) ? "--log: no such file: " + log
                : null;
        if (problem != null) {
            err.println("error: " + problem);
            err.flush();
            return EXIT_BAD_INPUT;
        }
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
            LogLines lines = new LogLines(logFormat.get(), rules, lang, spec.commandLine().getOut());
            if (follow) {
                return followLog(lines, err);
            }
            try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    log.equals("-") ? System.in : Files.newInputStream(Path.of(log)), StandardCharsets.UTF_8))) {
                lines.readAll(in);
            }
            err.println(lines.lines() + " lines, " + lines.answers() + " delivery attempts");
            err.flush();
            return 0;
        }
    }

    /** Runs until the process is interrupted; answers are flushed after each poll of the file. */
    private Integer followLog(LogLines lines, PrintWriter err) {
        java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "stop-following");
        Runtime.getRuntime().addShutdownHook(hook);
        try (LogFollower follower = new LogFollower(Path.of(log), lines::accept, lines::flush,
                e -> {
                    err.println("warning: " + log + ": " + e.getMessage());
                    err.flush();
                })) {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lines.flush();
        return 0;
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
