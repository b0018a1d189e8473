package org.bounceclassifier.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * SparkPost's webhooks: authenticated by a header the webhook is set up to send, either its auth
 * token ({@code X-MessageSystems-Webhook-Token}) or basic auth ({@code Authorization}), whose exact
 * value is {@code BOUNCE_SPARKPOST_AUTH}. The body is a batch: an array of {@code {"msys":
 * {"message_event": ...}}}; {@code bounce}, {@code out_of_band} and {@code policy_rejection} are
 * bounces, {@code delay} a deferral, {@code spam_complaint} a complaint, {@code delivery} a delivery.
 */
final class SparkPostWebhook implements WebhookPlatform {
    static final String ID = "sparkpost";
    private final String secret;

    SparkPostWebhook(String secret) {
        this.secret = secret;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Received receive(WebhookRequest request) throws WebhookException {
        String token = request.header("X-MessageSystems-Webhook-Token");
        String authorization = request.header("Authorization");
        if (token == null && authorization == null) {
            throw WebhookException.unauthenticated(ID, "no X-MessageSystems-Webhook-Token or Authorization header");
        }
        if (!Secrets.same(secret, token) && !Secrets.same(secret, authorization == null ? null : authorization.strip())) {
            throw WebhookException.unauthenticated(ID, "the auth header is not BOUNCE_SPARKPOST_AUTH");
        }
        JsonNode batch = Json.parse(ID, request.body());
        if (!batch.isArray()) {
            throw WebhookException.badPayload(ID, "the body is not an array of events");
        }
        List<WebhookEvent> events = new ArrayList<>();
        int ignored = 0;
        for (JsonNode item : batch) {
            JsonNode e = item.path("msys").path("message_event");
            String type = Json.text(e, "type");
            String recipient = Json.text(e, "rcpt_to");
            String id = Json.text(e, "event_id");
            if (type == null || recipient == null || id == null) {
                ignored++;
                continue;
            }
            String eventId = ID + ":" + id;
            String bounceClass = Json.text(e, "bounce_class");
            String platformType = type + (bounceClass == null ? "" : "/class " + bounceClass);
            switch (type) {
                case "bounce", "out_of_band", "policy_rejection", "delay" -> events.add(WebhookEvent.bounce(
                        recipient, eventId, Json.smtpCode(e, "error_code"), null,
                        Json.text(e, "raw_reason") == null ? Json.text(e, "reason") : Json.text(e, "raw_reason"), null,
                        "delay".equals(type) ? "delayed" : "failed", platformType, Json.text(e, "reason")));
                case "spam_complaint" -> events.add(WebhookEvent.complaint(recipient, eventId, Json.text(e, "fbtype"),
                        type));
                case "delivery" -> events.add(WebhookEvent.delivery(recipient, eventId, type, null));
                default -> ignored++;
            }
        }
        return new Received(events, ignored, null);
    }
}
