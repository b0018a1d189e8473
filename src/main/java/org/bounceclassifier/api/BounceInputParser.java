package org.bounceclassifier.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.bounceclassifier.engine.BounceInput;

/**
 * Reads the structured body of {@code POST /v1/classify} (and a rule case's input) into a
 * {@link BounceInput}, checking every field the way API.md says: wrong types, reply codes outside
 * 200-599, enhanced status codes that are not class.subject.detail and bodies without any evidence
 * are refused with a message that says what to fix. Unknown fields are ignored. Bodies must be
 * valid UTF-8, and text fields may not hold control characters other than tab and line breaks.
 */
public final class BounceInputParser {
    public static final int MIN_REPLY_CODE = 200;
    public static final int MAX_REPLY_CODE = 599;
    /** RFC 3463: class 2, 4 or 5; subject and detail of one to three digits. */
    private static final Pattern ENHANCED_STATUS = Pattern.compile("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}");

    private BounceInputParser() {
    }

    /** Parses a body as it arrived: bytes that must be UTF-8. */
    public static BounceInput parse(byte[] body) throws InputException {
        return parse(utf8(body));
    }

    /** Decodes strictly: a body with bytes that are not UTF-8 is refused, not patched with U+FFFD. */
    public static String utf8(byte[] body) throws InputException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InputException("invalid_encoding", "the body is not valid UTF-8: send JSON encoded as UTF-8");
        }
    }

    public static BounceInput parse(String json) throws InputException {
        return parse(decodeObject(json));
    }

    /** The body as a JSON object, or the API's error for an empty, malformed or non-object body. */
    public static JsonObject decodeObject(String json) throws InputException {
        if (json == null || json.isBlank()) {
            throw new InputException("empty_body", "the body is empty: send a JSON object such as "
                    + "{\"smtpCode\": 550, \"diagnostic\": \"550 5.1.1 User unknown\"}");
        }
        Object value;
        try {
            value = io.vertx.core.json.Json.decodeValue(json);
        } catch (DecodeException e) {
            throw new InputException("malformed_json", "the body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (!(value instanceof JsonObject object)) {
            throw new InputException("malformed_json", "the body must be a JSON object, not "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        return object;
    }

    public static BounceInput parse(JsonObject body) throws InputException {
        Integer smtpCode = replyCode(body);
        String enhancedStatus = enhancedStatus(body);
        String diagnostic = string(body, "diagnostic");
        int consecutive = history(body);
        BounceInput input = new BounceInput(smtpCode, enhancedStatus, diagnostic,
                string(body, "recipient"), string(body, "sender"), string(body, "remoteMta"),
                string(body, "dsnAction"), consecutive);
        if (!input.hasEvidence()) {
            throw new InputException("no_evidence", "give at least one of smtpCode, enhancedStatus or a non-empty "
                    + "diagnostic");
        }
        return input;
    }

    private static Integer replyCode(JsonObject body) throws InputException {
        Object v = body.getValue("smtpCode");
        if (v == null) {
            return null;
        }
        if (!(v instanceof Integer || v instanceof Long)) {
            throw new InputException("invalid_field", "smtpCode must be an integer such as 550, not " + describe(v));
        }
        long code = ((Number) v).longValue();
        if (code < MIN_REPLY_CODE || code > MAX_REPLY_CODE) {
            throw new InputException("invalid_field", "smtpCode must be between " + MIN_REPLY_CODE + " and "
                    + MAX_REPLY_CODE + ", got " + code);
        }
        return (int) code;
    }

    private static String enhancedStatus(JsonObject body) throws InputException {
        String status = string(body, "enhancedStatus");
        if (status == null) {
            return null;
        }
        String trimmed = status.trim();
        if (!ENHANCED_STATUS.matcher(trimmed).matches()) {
            throw new InputException("invalid_field", "enhancedStatus must be class.subject.detail with class 2, 4 or 5,"
                    + " such as \"5.1.1\", got \"" + abbreviate(status) + "\"");
        }
        String[] parts = trimmed.split("\\.");
        return Integer.parseInt(parts[0]) + "." + Integer.parseInt(parts[1]) + "." + Integer.parseInt(parts[2]);
    }

    private static int history(JsonObject body) throws InputException {
        Object v = body.getValue("history");
        if (v == null) {
            return 0;
        }
        if (!(v instanceof JsonObject history)) {
            throw new InputException("invalid_field", "history must be an object such as "
                    + "{\"consecutiveSoftBounces\": 4}, not " + describe(v));
        }
        Object n = history.getValue("consecutiveSoftBounces");
        if (n == null) {
            return 0;
        }
        if (!(n instanceof Integer || n instanceof Long) || ((Number) n).longValue() < 0
                || ((Number) n).longValue() > Integer.MAX_VALUE) {
            throw new InputException("invalid_field", "history.consecutiveSoftBounces must be a whole number of 0 or"
                    + " more, not " + describe(n));
        }
        return ((Number) n).intValue();
    }

    /** An optional string field; the API's error when it has another type. */
    public static String string(JsonObject body, String field) throws InputException {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new InputException("invalid_field", field + " must be a string, not " + describe(v));
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                throw new InputException("invalid_field", field + " contains the control character U+"
                        + String.format("%04X", (int) c) + " at position " + i + "; remove it");
            }
        }
        return s;
    }

    /** How an error message names a value of the wrong type: {@code the number 5}, {@code an object}. */
    public static String describe(Object v) {
        if (v instanceof String s) {
            return "the string \"" + abbreviate(s) + "\"";
        }
        if (v instanceof Number n) {
            return "the number " + n;
        }
        if (v instanceof Boolean b) {
            return "the boolean " + b;
        }
        if (v instanceof JsonObject) {
            return "an object";
        }
        return "an array";
    }

    private static String abbreviate(String s) {
        final int shown = 40;
        return s.length() <= shown ? s : s.substring(0, shown) + "...";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
