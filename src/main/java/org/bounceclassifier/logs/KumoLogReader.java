package org.bounceclassifier.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * KumoMTA's JSON log records, one object a line (docs.kumomta.com, "Log Record"): {@code type}
 * Delivery, Bounce, TransientFailure, Expiration, AdminBounce, OOB or Feedback, the envelope
 * {@code recipient}, the peer's {@code response} (code, enhanced_code, content) and KumoMTA's own
 * {@code bounce_classification}, which is kept as evidence: the category comes from the rules.
 */
final class KumoLogReader implements LogReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<LogRecord> read(String line) {
        JsonNode record;
        try {
            record = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return List.of();
        }
        if (record == null || !record.isObject()) {
            return List.of();
        }
        LogRecord.Outcome outcome = switch (record.path("type").asText()) {
            case "Delivery" -> LogRecord.Outcome.DELIVERED;
            case "TransientFailure" -> LogRecord.Outcome.DEFERRED;
            case "Bounce", "Expiration", "AdminBounce", "OOB" -> LogRecord.Outcome.FAILED;
            case "Feedback" -> LogRecord.Outcome.COMPLAINT;
            default -> null;
        };
        if (outcome == null) {
            return List.of();
        }
        JsonNode response = record.path("response");
        String text = response.path("content").asText("");
        int code = response.path("code").asInt(0);
        if (code >= 200 && code < 600 && !text.startsWith(Integer.toString(code))) {
            text = code + " " + text;
        }
        String status = status(response.path("enhanced_code"));
        if (outcome == LogRecord.Outcome.COMPLAINT) {
            // an ARF report the MTA received: the rules know complaints by their feedback type
            text = "feedback-type: abuse " + text;
        } else if ("Expiration".equals(record.path("type").asText())) {
            text = "message expired: " + text;
        }
        Map<String, String> verdict = new HashMap<>();
        String classification = record.path("bounce_classification").asText("");
        if (!classification.isEmpty()) {
            verdict.put("kumomta.bounce_classification", classification);
        }
        String relay = record.path("peer_address").path("name").asText(null);
        return List.of(new LogRecord(record.path("id").asText(null), outcome,
                LogRecord.input(text, status, record.path("recipient").asText(null), record.path("sender").asText(null),
                        relay, outcome), verdict));
    }

    private static String status(JsonNode enhanced) {
        if (!enhanced.isObject() || !enhanced.path("class").isInt()) {
            return null;
        }
        return enhanced.path("class").asInt() + "." + enhanced.path("subject").asInt() + "." + enhanced.path("detail").asInt();
    }
}
