package org.bounceclassifier.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bounceclassifier.api.EvaluationJson;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.engine.RuleSetException;
import org.bounceclassifier.engine.RuleSetLoader;
import org.bounceclassifier.evaluation.Corpora;
import org.bounceclassifier.evaluation.CorpusMessage;
import org.bounceclassifier.evaluation.Evaluation;
import org.bounceclassifier.evaluation.LabelRow;
import org.bounceclassifier.evaluation.Labels;
import org.bounceclassifier.evaluation.Scoreboard;
import org.bounceclassifier.evaluation.ScoreboardText;
import org.bounceclassifier.mail.ClassifiedMessage;
import org.bounceclassifier.mail.MailParser;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Classifies a corpus of bounce e-mails in one process and, with {@code --labels}, scores the
 * answers against reference labels: how an expert sees what the rules make of real traffic.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Classifies every e-mail of a folder (*.eml), an mbox file or a maildir.",
                "With --labels FILE, scores the answers against reference labels (docs/evaluate.md) and prints",
                "agreement, false hard and soft, a confusion table and the layouts; without, prints one",
                "answer per recipient as NDJSON."})
final class EvaluateCommand implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_RULES_NOT_LOADED = 3;

    @Mixin
    RulesOptions options;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--corpus", paramLabel = "DIR", description = "A folder of .eml files.")
        Path corpus;

        @Option(names = "--mbox", paramLabel = "FILE", description = "An mbox file (mboxo or mboxrd).")
        Path mbox;

        @Option(names = "--maildir", paramLabel = "DIR", description = "A maildir (its cur/ and new/).")
        Path maildir;
    }

    @Option(names = "--labels", paramLabel = "FILE",
            description = "Reference labels (tab-separated, docs/evaluate.md); without it, answers are printed as NDJSON.")
    Path labels;

    @Option(names = "--json", description = "Print the scores as one JSON object instead of the text report.")
    boolean json;

    @Option(names = "--detail", paramLabel = "FILE",
            description = "Also write one NDJSON line per labelled recipient: expected, got, agreement, rules, text.")
    Path detail;

    @Option(names = "--lang", defaultValue = "en", description = "Language of labels and remediation (default: en).")
    String lang;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, List<LabelRow>> reference = null;
        if (labels != null) {
            if (!Files.isRegularFile(labels)) {
                return fail(err, "--labels: no such file: " + labels);
            }
            try {
                reference = Labels.read(labels);
            } catch (Labels.LabelsException e) {
                return fail(err, e.getMessage());
            }
        }
        Iterator<CorpusMessage> corpus;
        try {
            corpus = open();
        } catch (IOException e) {
            return fail(err, e.getMessage());
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
                return fail(err, "--lang must be one of " + rules.messages().languages() + ", got " + lang);
            }
            Evaluation evaluation = new Evaluation(new MailParser(), rules, lang);
            if (reference == null) {
                answers(evaluation, corpus, out);
                return 0;
            }
            Scoreboard board = score(evaluation, corpus, reference);
            if (json) {
                out.println(EvaluationJson.summary(board).encode());
                out.flush();
            } else {
                ScoreboardText.print(board, out);
            }
            return 0;
        } catch (UncheckedIOException e) {
            return fail(err, e.getCause().getMessage());
        }
    }

    private Iterator<CorpusMessage> open() throws IOException {
        if (source.corpus != null) {
            if (!Files.isDirectory(source.corpus)) {
                throw new IOException("--corpus: no such folder: " + source.corpus);
            }
            return Corpora.folder(source.corpus);
        }
        if (source.maildir != null) {
            if (!Files.isDirectory(source.maildir)) {
                throw new IOException("--maildir: no such folder: " + source.maildir);
            }
            return Corpora.maildir(source.maildir);
        }
        if (!Files.isRegularFile(source.mbox)) {
            throw new IOException("--mbox: no such file: " + source.mbox);
        }
        return Corpora.mbox(source.mbox);
    }

    private Scoreboard score(Evaluation evaluation, Iterator<CorpusMessage> corpus,
            Map<String, List<LabelRow>> reference) throws IOException {
        if (detail == null) {
            return evaluation.score(corpus, reference, f -> { });
        }
        try (BufferedWriter w = Files.newBufferedWriter(detail, StandardCharsets.UTF_8)) {
            return evaluation.score(corpus, reference, f -> EvaluationJson.detail(f).forEach(line -> {
                try {
                    w.write(line.toString());
                    w.newLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
    }

    /** One NDJSON line per recipient; a message with none still gets a line, so every file shows. */
    private static void answers(Evaluation evaluation, Iterator<CorpusMessage> corpus, PrintWriter out) {
        while (corpus.hasNext()) {
            CorpusMessage m = corpus.next();
            ClassifiedMessage classified = evaluation.classify(m);
            if (classified.results().isEmpty()) {
                out.println(EvaluationJson.answer(m.name(), classified, null).encode());
            }
            for (ClassifiedMessage.Result r : classified.results()) {
                out.println(EvaluationJson.answer(m.name(), classified, r).encode());
            }
        }
        out.flush();
    }

    private static int fail(PrintWriter err, String message) {
        err.println("error: " + message);
        err.flush();
        return EXIT_BAD_INPUT;
    }
}
