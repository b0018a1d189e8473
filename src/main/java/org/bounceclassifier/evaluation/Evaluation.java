package org.bounceclassifier.evaluation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.mail.ClassifiedMessage;
import org.bounceclassifier.mail.MailParser;
import org.bounceclassifier.mail.ParsedMessage;

/**
 * Classifies every e-mail of a corpus in one process and scores the answers against reference
 * labels. The rules are the ones given; nothing here decides a category.
 */
public final class Evaluation {
    /** What one e-mail gave: its results, and how its labelled rows paired with them. */
    public record FileOutcome(String file, ClassifiedMessage message, List<RowOutcome> rows,
            List<ClassifiedMessage.Result> unpaired) {
    }

    private final MailParser parser;
    private final RuleSet rules;
    private final String lang;

    public Evaluation(MailParser parser, RuleSet rules, String lang) {
        this.parser = parser;
        this.rules = rules;
        this.lang = lang;
    }

    /** Classifies one e-mail. */
    public ClassifiedMessage classify(CorpusMessage message) {
        ParsedMessage parsed = parser.parse(message.raw());
        return ClassifiedMessage.classify(parsed, rules, lang);
    }

    /**
     * Classifies and scores every message; {@code each} sees every file's outcome as it is made
     * (for a detail file). Labelled files the corpus lacks count as rows not found.
     */
    public Scoreboard score(Iterator<CorpusMessage> corpus, Map<String, List<LabelRow>> labels,
            Consumer<FileOutcome> each) {
        Scoreboard board = new Scoreboard();
        Set<String> seen = new HashSet<>();
        CorpusMessage next = corpus.hasNext() ? corpus.next() : null;
        while (next != null) {
            CorpusMessage m = next;
            ClassifiedMessage classified = classify(m);
            next = corpus.hasNext() ? corpus.next() : null;
            while (next != null && next.name().equals(m.name())) {
                // a file that holds several messages (a mailbox excerpt): its labels name the file,
                // so the results of all its messages are paired with them together
                List<ClassifiedMessage.Result> all = new ArrayList<>(classified.results());
                all.addAll(classify(next).results());
                classified = new ClassifiedMessage(classified.kind(), classified.layout(), all);
                next = corpus.hasNext() ? corpus.next() : null;
            }
            List<LabelRow> rows = labels.get(m.name());
            seen.add(m.name());
            board.file(rows != null);
            if (rows == null) {
                each.accept(new FileOutcome(m.name(), classified, List.of(), classified.results()));
                continue;
            }
            Pairing.Paired paired = Pairing.pair(rows, classified.results(), layoutOf(classified));
            paired.outcomes().forEach(board::add);
            paired.unpaired().forEach(board::extra);
            each.accept(new FileOutcome(m.name(), classified, paired.outcomes(), paired.unpaired()));
        }
        Map<String, List<LabelRow>> missing = new LinkedHashMap<>(labels);
        missing.keySet().removeAll(seen);
        missing.forEach((file, rows) -> {
            List<RowOutcome> outcomes = rows.stream().map(r -> new RowOutcome(r, null, "missing")).toList();
            outcomes.forEach(board::add);
            each.accept(new FileOutcome(file, null, outcomes, List.of()));
        });
        return board;
    }

    /** The layout that read a non-standard bounce, else the kind of message. */
    public static String layoutOf(ClassifiedMessage message) {
        return message.layout() != null ? message.layout() : message.kind().id();
    }
}
