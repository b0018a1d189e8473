package org.bounceclassifier.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reading the platforms' JSON: missing fields are null, never an exception. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode parse(String platform, byte[] body) throws WebhookException {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw WebhookException.badPayload(platform, "the body is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw WebhookException.badPayload(platform, "not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw WebhookException.badPayload(platform, "not JSON (" + e.getMessage() + ")");
        }
    }

    static JsonNode parse(String platform, String text) throws WebhookException {
        return parse(platform, text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8));
    }

    /** The text at a path of field names, or null when absent, null or blank. */
    static String text(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            if (n == null) {
                return null;
            }
            n = n.get(p);
        }
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        String s = n.asText();
        return s.isBlank() ? null : s;
    }

    /** An SMTP reply code at a path, when it is one (200-599). */
    static Integer smtpCode(JsonNode node, String... path) {
        String s = text(node, path);
        if (s == null || !s.strip().matches("[2-5]\\d\\d")) {
            return null;
        }
        return Integer.valueOf(s.strip());
    }

    /** An enhanced status code ({@code 5.1.1}) when the text is one, else null. */
    static String status(String s) {
        return s != null && s.strip().matches("[245]\\.\\d{1,3}\\.\\d{1,3}") ? s.strip() : null;
    }
}
