package org.bounceclassifier.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * SendGrid's signed Event Webhook: {@code X-Twilio-Email-Event-Webhook-Signature} is an ECDSA
 * (P-256, SHA-256) signature of {@code X-Twilio-Email-Event-Webhook-Timestamp} followed by the raw
 * body, checked with the verification key SendGrid shows ({@code BOUNCE_SENDGRID_PUBLIC_KEY}, base64
 * or PEM). The body is an array of events: {@code bounce} (also type {@code blocked}),
 * {@code deferred}, {@code spamreport}, {@code delivered}; {@code dropped} is SendGrid not sending
 * to an address it already suppresses, no news for the ledger, and is left out like opens and clicks.
 */
final class SendGridWebhook implements WebhookPlatform {
    static final String ID = "sendgrid";
    static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
    static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";
    private final PublicKey key;

    SendGridWebhook(PublicKey key) {
        this.key = key;
    }

    /** @throws IllegalArgumentException when the text is no EC public key */
    static PublicKey publicKey(String text) {
        String b64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("BOUNCE_SENDGRID_PUBLIC_KEY is not the base64 verification key SendGrid"
                    + " shows for the signed Event Webhook: " + e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Received receive(WebhookRequest request) throws WebhookException {
        String signature = request.header(SIGNATURE);
        String timestamp = request.header(TIMESTAMP);
        if (signature == null || timestamp == null) {
            throw WebhookException.unauthenticated(ID, "no " + SIGNATURE + " and " + TIMESTAMP + " headers: turn on"
                    + " the signed Event Webhook");
        }
        if (!verifies(timestamp, request.body(), signature)) {
            throw WebhookException.unauthenticated(ID, "the signature does not verify with BOUNCE_SENDGRID_PUBLIC_KEY");
        }
        JsonNode batch = Json.parse(ID, request.body());
        if (!batch.isArray()) {
            throw WebhookException.badPayload(ID, "the body is not an array of events");
        }
        List<WebhookEvent> events = new ArrayList<>();
        int ignored = 0;
        for (JsonNode e : batch) {
            String event = Json.text(e, "event");
            String email = Json.text(e, "email");
            String id = Json.text(e, "sg_event_id");
            if (event == null || email == null || id == null) {
                ignored++;
                continue;
            }
            String eventId = ID + ":" + id;
            switch (event) {
                case "bounce" -> {
                    String type = Json.text(e, "type");
                    events.add(WebhookEvent.bounce(email, eventId, null, Json.status(Json.text(e, "status")),
                            Json.text(e, "reason"), null, "failed", "bounce/" + (type == null ? "bounce" : type),
                            Json.text(e, "reason")));
                }
                case "deferred" -> events.add(WebhookEvent.bounce(email, eventId, null, null,
                        Json.text(e, "response"), null, "delayed", "deferred", Json.text(e, "response")));
                case "spamreport" -> events.add(WebhookEvent.complaint(email, eventId, null, event));
                case "delivered" -> events.add(WebhookEvent.delivery(email, eventId, event, Json.text(e, "response")));
                default -> ignored++;
            }
        }
        return new Received(events, ignored, null);
    }

    private boolean verifies(String timestamp, byte[] body, String signature) {
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(key);
            ecdsa.update(timestamp.getBytes(StandardCharsets.UTF_8));
            ecdsa.update(body);
            return ecdsa.verify(Base64.getDecoder().decode(signature.strip()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }
}
