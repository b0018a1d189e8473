package org.bounceclassifier.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Reads blocks of header fields with mime4j: a message's header, the header of a returned
 * message, and the field blocks of delivery-status and feedback reports (which RFC 3464 and RFC
 * 5965 write in header syntax, folding included).
 */
final class HeaderReader {
    private HeaderReader() {
    }

    /** The header block at the start of the stream; reads nothing after it. */
    static Headers read(InputStream in) {
        MimeTokenStream stream = new MimeTokenStream(MailLimits.MIME_CONFIG);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        stream.parse(in);
        List<Headers.Field> fields = new ArrayList<>();
        try {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM
                    && state != EntityState.T_END_HEADER; state = stream.next()) {
                if (state == EntityState.T_FIELD && fields.size() < MailLimits.MAX_FIELDS_PER_HEADER) {
                    fields.add(toField(stream.getField()));
                }
            }
        } catch (MimeException | IOException e) {
            // a broken or over-long field ends the block; the fields before it are still good
        }
        return new Headers(fields);
    }

    /** A block of fields given as text (one block of a delivery-status report). */
    static Headers read(String block) {
        return read(new ByteArrayInputStream(block.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * mime4j keeps each field's raw bytes. A header with raw 8-bit bytes (Shift_JIS or UTF-8 typed
     * straight into a Subject, or RFC 6532 internationalized headers) is decoded like a text part;
     * everything else is ASCII with RFC 2047 encoded words.
     */
    static Headers.Field toField(Field field) {
        String raw = field.getBody();
        if (field instanceof RawField rawField && rawField.getRaw() != null) {
            String eightBit = eightBitBody(rawField);
            if (eightBit != null) {
                raw = eightBit;
            }
        }
        raw = raw == null ? "" : raw;
        return new Headers.Field(field.getName(), raw, Headers.decodeWords(raw));
    }

    private static String eightBitBody(RawField field) {
        ByteSequence bytes = field.getRaw();
        int from = field.getDelimiterIdx() + 1;
        boolean eightBit = false;
        for (int i = from; i < bytes.length() && !eightBit; i++) {
            eightBit = bytes.byteAt(i) < 0;
        }
        if (!eightBit) {
            return null;
        }
        byte[] body = new byte[bytes.length() - from];
        for (int i = 0; i < body.length; i++) {
            body[i] = bytes.byteAt(from + i);
        }
        return MimeUtil.unfold(TextDecoding.decode(body, null)).strip();
    }
}
