package org.bounceclassifier.intake;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bounceclassifier.ledger.EmailAddress;

/**
 * What identifies one message when it arrives twice: its Message-ID, as {@code POST /v1/bounces}
 * keys a raw message; for the rare bounce without one, the SHA-256 of its bytes (a sending MTA
 * that retries sends the same bytes).
 */
public final class MessageKey {
    private MessageKey() {
    }

    public static String of(String messageId, byte[] raw) {
        if (messageId != null && !messageId.isBlank()) {
            return messageId.strip();
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The ledger event id of one recipient of a message: the same one {@code POST /v1/bounces} uses. */
    public static String eventId(String messageKey, EmailAddress recipient) {
        return messageKey + " " + recipient.value();
    }
}
