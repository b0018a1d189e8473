package org.bounceclassifier.mail;

import java.util.List;

/**
 * A raw message read for bounce evidence: what kind of message it is and every recipient it
 * reports on (failed or delayed; delivered, relayed and expanded recipients are left out).
 *
 * @param layout the name of the layout recognizer that read a non-standard bounce, else null
 */
public record ParsedMessage(MessageKind kind, String layout, List<FailedRecipient> recipients) {
    public ParsedMessage {
        recipients = List.copyOf(recipients);
    }

    static ParsedMessage notABounce() {
        return new ParsedMessage(MessageKind.NOT_A_BOUNCE, null, List.of());
    }
}
