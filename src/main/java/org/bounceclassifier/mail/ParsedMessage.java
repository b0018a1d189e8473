package org.bounceclassifier.mail;

import java.util.List;

/**
 * A raw message read for bounce evidence: what kind of message it is and every recipient it
 * reports on (failed or delayed; delivered, relayed and expanded recipients are left out).
 *
 * @param layout the name of the layout recognizer that read a non-standard bounce, else null
 * @param messageId the bounce message's own Message-ID (what identifies it when it is recorded
 *     twice), or null when it has none
 */
public record ParsedMessage(MessageKind kind, String layout, List<FailedRecipient> recipients, String messageId) {
    public ParsedMessage {
        recipients = List.copyOf(recipients);
    }

    ParsedMessage(MessageKind kind, String layout, List<FailedRecipient> recipients) {
        this(kind, layout, recipients, null);
    }

    static ParsedMessage notABounce() {
        return new ParsedMessage(MessageKind.NOT_A_BOUNCE, null, List.of());
    }

    ParsedMessage withMessageId(String id) {
        return new ParsedMessage(kind, layout, recipients, id == null || id.isBlank() ? null : id.strip());
    }
}
