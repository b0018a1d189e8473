package org.bounceclassifier.mail;

import java.util.List;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.engine.RuleSet;

/**
 * A raw message with one classification per recipient it reports on.
 *
 * @param layout the layout that read a non-standard bounce, else null
 */
public record ClassifiedMessage(MessageKind kind, String layout, List<Result> results) {
    /** One recipient and the rules' answer for it. */
    public record Result(FailedRecipient recipient, Classification classification) {
    }

    public ClassifiedMessage {
        results = List.copyOf(results);
    }

    /** Runs every recipient's evidence through the rules, in the message's order. */
    public static ClassifiedMessage classify(ParsedMessage message, RuleSet rules, String lang) {
        List<Result> results = message.recipients().stream()
                .map(r -> new Result(r, rules.classify(r.input(), lang)))
                .toList();
        return new ClassifiedMessage(message.kind(), message.layout(), results);
    }
}
