package org.bounceclassifier.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.field.ContentDispositionFieldLenientImpl;
import org.apache.james.mime4j.field.ContentTypeFieldLenientImpl;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Reads a raw message into a {@link MailView} with mime4j's pull parser, in one pass.
 *
 * <p>Transfer encodings (base64, quoted-printable) are undone by mime4j, charsets by
 * {@link TextDecoding}. Only the parts that can hold bounce evidence are read, each up to a cap
 * ({@link MailLimits}); attachments, images and the body of the returned message stream past
 * without being decoded. A returned message is not parsed as a message (mime4j's recursion is
 * off): only its header is read, so its own text can never be mistaken for the notice's.
 */
final class MailReader {
    private static final Set<String> DELIVERY_STATUS_TYPES =
            Set.of("message/delivery-status", "message/global-delivery-status");
    private static final String FEEDBACK_REPORT_TYPE = "message/feedback-report";
    /** Forms in which a notice returns the original message or only its header. */
    /** Forms in which a notice returns the whole original message. */
    private static final Set<String> RETURNED_MESSAGE_TYPES = Set.of("message/rfc822", "message/global");
    private static final Set<String> ORIGINAL_MESSAGE_TYPES = Set.of("message/rfc822", "message/global",
            "text/rfc822-headers", "message/rfc822-headers", "message/global-headers");

    private MailReader() {
    }

    static MailView read(InputStream in) {
        MimeTokenStream stream = new MimeTokenStream(MailLimits.MIME_CONFIG);
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        stream.parse(in);
        Collector collector = new Collector();
        try {
            collector.run(stream);
        } catch (MimeException | IOException e) {
            // A broken or over-long tail (a truncated attachment, a line beyond the limit) ends the
            // reading; what came before it - where the notice's evidence is - is kept.
        }
        return collector.view();
    }

    /** The state of one pass: the header of the entity being read and what was found so far. */
    private static final class Collector {
        private Headers messageHeaders;
        private List<Headers.Field> currentFields = new ArrayList<>();
        private Headers entityHeaders = Headers.EMPTY;
        private final List<String> plainTexts = new ArrayList<>();
        private final List<String> htmlTexts = new ArrayList<>();
        private final List<String> deliveryStatus = new ArrayList<>();
        private final List<String> feedbackReports = new ArrayList<>();
        private Headers originalHeaders = Headers.EMPTY;
        private String reportType;
        private int parts;
        /** The first returned message, raw and bounded (it may be a forwarded bounce), else null. */
        private byte[] returnedBounce;
        /** The first multipart's preamble: the only text of a report whose boundary never comes. */
        private String preamble;

        void run(MimeTokenStream stream) throws MimeException, IOException {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                switch (state) {
                    case T_START_HEADER -> currentFields = new ArrayList<>();
                    case T_FIELD -> {
                        if (currentFields.size() < MailLimits.MAX_FIELDS_PER_HEADER) {
                            currentFields.add(HeaderReader.toField(stream.getField()));
                        }
                    }
                    case T_END_HEADER -> {
                        entityHeaders = new Headers(currentFields);
                        if (messageHeaders == null) {
                            messageHeaders = entityHeaders;
                        }
                    }
                    case T_START_MULTIPART -> noteReportType(stream.getBodyDescriptor());
                    case T_START_BODYPART -> {
                        if (++parts > MailLimits.MAX_PARTS) {
                            return;
                        }
                    }
                    case T_BODY -> body(stream);
                    case T_PREAMBLE -> {
                        if (preamble == null) {
                            byte[] bytes = stream.getInputStream().readNBytes(MailLimits.MAX_TEXT_PART_BYTES);
                            preamble = normalizeNewlines(TextDecoding.decode(bytes, null));
                        }
                    }
                    default -> {
                        // preamble, epilogue and end markers carry no evidence
                    }
                }
            }
        }

        private void noteReportType(BodyDescriptor descriptor) {
            if (reportType == null && "multipart/report".equals(lower(descriptor.getMimeType()))) {
                ContentTypeField type = contentType(entityHeaders);
                String param = type == null ? null : type.getParameter("report-type");
                reportType = param == null ? null : param.trim().toLowerCase(Locale.ROOT);
            }
        }

        private void body(MimeTokenStream stream) throws IOException {
            BodyDescriptor descriptor = stream.getBodyDescriptor();
            String mimeType = lower(descriptor.getMimeType());
            if (DELIVERY_STATUS_TYPES.contains(mimeType)) {
                deliveryStatus.add(readText(stream, MailLimits.MAX_REPORT_BYTES,
                        mimeType.contains("global") ? StandardCharsets.UTF_8.name() : descriptor.getCharset()));
            } else if (FEEDBACK_REPORT_TYPE.equals(mimeType)) {
                feedbackReports.add(readText(stream, MailLimits.MAX_REPORT_BYTES, descriptor.getCharset()));
            } else if (RETURNED_MESSAGE_TYPES.contains(mimeType) && originalHeaders.isEmpty()
                    && returnedBounce == null) {
                // a whole returned message, kept (bounded): it may itself be a bounce, as a
                // forwarded bounce or a bounce of a bounce is, for the parser to read it in turn
                byte[] returned = stream.getDecodedInputStream().readNBytes(MailLimits.MAX_REPORT_BYTES);
                originalHeaders = HeaderReader.read(new ByteArrayInputStream(returned));
                // a bounce forwarded by a gateway may come from the original sender's address: the
                // parser decides by reading it, and only when the notice's own text names no cause
                returnedBounce = returned;
            } else if (ORIGINAL_MESSAGE_TYPES.contains(mimeType)) {
                if (originalHeaders.isEmpty()) {
                    originalHeaders = HeaderReader.read(stream.getDecodedInputStream());
                }
            } else if (isAttachment(entityHeaders)) {
                return;
            } else if ("text/plain".equals(mimeType) && plainTexts.size() < MailLimits.MAX_TEXT_PARTS) {
                plainTexts.add(readText(stream, MailLimits.MAX_TEXT_PART_BYTES, descriptor.getCharset()));
            } else if ("text/html".equals(mimeType) && htmlTexts.size() < MailLimits.MAX_TEXT_PARTS) {
                htmlTexts.add(readText(stream, MailLimits.MAX_TEXT_PART_BYTES, descriptor.getCharset()));
            }
        }

        MailView view() {
            Headers headers = messageHeaders == null ? Headers.EMPTY : messageHeaders;
            String text;
            if (!plainTexts.isEmpty()) {
                text = String.join("\n\n", plainTexts);
            } else if (htmlTexts.isEmpty() && deliveryStatus.isEmpty() && preamble != null) {
                // a multipart whose boundary line never comes (or is mistyped): everything is preamble
                text = preamble;
            } else {
                List<String> fromHtml = htmlTexts.stream().map(HtmlText::toText).toList();
                text = String.join("\n\n", fromHtml);
            }
            return new MailView(headers, normalizeNewlines(text), deliveryStatus, feedbackReports, originalHeaders,
                    reportType, returnedBounce);
        }
    }

    private static String readText(MimeTokenStream stream, int maxBytes, String charset) throws IOException {
        byte[] bytes = stream.getDecodedInputStream().readNBytes(maxBytes);
        return normalizeNewlines(TextDecoding.decode(bytes, charset));
    }

    private static boolean isAttachment(Headers headers) {
        String raw = rawOf(headers, "Content-Disposition");
        if (raw == null) {
            return false;
        }
        ContentDispositionField field = ContentDispositionFieldLenientImpl.PARSER.parse(
                new RawField("Content-Disposition", raw), DecodeMonitor.SILENT);
        return field.isAttachment();
    }

    private static ContentTypeField contentType(Headers headers) {
        String raw = rawOf(headers, "Content-Type");
        return raw == null ? null
                : ContentTypeFieldLenientImpl.PARSER.parse(new RawField("Content-Type", raw), DecodeMonitor.SILENT);
    }

    private static String rawOf(Headers headers, String name) {
        for (Headers.Field f : headers.fields()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.raw();
            }
        }
        return null;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private static String normalizeNewlines(String s) {
        return s.indexOf('\r') < 0 ? s : s.replace("\r\n", "\n").replace('\r', '\n');
    }
}
