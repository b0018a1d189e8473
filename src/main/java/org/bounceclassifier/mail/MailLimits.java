package org.bounceclassifier.mail;

import org.apache.james.mime4j.stream.MimeConfig;

/**
 * How much of a message is read. Memory per message stays bounded whatever its size: parts are
 * streamed, and only the parts that can hold bounce evidence are read, each up to a cap.
 * Attachments and the body of a returned message are skipped without being decoded.
 */
final class MailLimits {
    /**
     * A header field may be folded over many lines (long References, Received chains, DKIM
     * signatures); 64 KiB is far beyond any real one and still bounds a malicious one.
     */
    static final int MAX_FIELD_BYTES = 64 * 1024;
    /** mime4j's default; real messages have a few dozen fields per header. */
    static final int MAX_FIELDS_PER_HEADER = 1000;
    /**
     * Lines are only buffered in headers and at boundaries; RFC 5322 allows 998 bytes, broken
     * generators write longer ones, 64 KiB tolerates them and still bounds the buffer.
     */
    static final int MAX_LINE_BYTES = 64 * 1024;
    /** Bytes read of one human-readable text part: bounce evidence is at its start. */
    static final int MAX_TEXT_PART_BYTES = 64 * 1024;
    /** Bytes read of one delivery-status or feedback report: enough for hundreds of recipients. */
    static final int MAX_REPORT_BYTES = 256 * 1024;
    /** Text parts read per message; notices have one or two (plain and HTML, sometimes per language). */
    static final int MAX_TEXT_PARTS = 8;
    /** Body parts looked at per message; beyond this the rest of the message is not read. */
    static final int MAX_PARTS = 200;

    static final MimeConfig MIME_CONFIG = MimeConfig.custom()
            .setStrictParsing(false)
            .setMaxLineLen(MAX_LINE_BYTES)
            .setMaxHeaderLen(MAX_FIELD_BYTES)
            .setMaxHeaderCount(MAX_FIELDS_PER_HEADER)
            .build();

    private MailLimits() {
    }
}
