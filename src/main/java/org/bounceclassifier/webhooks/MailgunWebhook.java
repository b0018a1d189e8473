package org.bounceclassifier.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mailgun's webhooks: the body's {@code signature} block is the HMAC-SHA256 of timestamp and token
 * under the HTTP webhook signing key ({@code BOUNCE_MAILGUN_SIGNING_KEY}); {@code event-data} is one
 * event: {@code failed} (severity permanent, or temporary while Mailgun retries), {@code complained},
 * {@code delivered}. A replayed call is harmless: its event id counts once.
 */
final class MailgunWebhook implements WebhookPlatform {
    static final String ID = "mailgun";
    private final byte[] signingKey;

    MailgunWebhook(String signingKey) {
        this.signingKey = signingKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Received receive(WebhookRequest request) throws WebhookException {
        JsonNode body = Json.parse(ID, request.body());
        String timestamp = Json.text(body, "signature", "timestamp");
        String token = Json.text(body, "signature", "token");
        String signature = Json.text(body, "signature", "signature");
        if (timestamp == null || token == null || signature == null) {
            throw WebhookException.unauthenticated(ID, "the body has no signature block with timestamp, token and"
                    + " signature");
        }
        if (!Secrets.same(hmac(timestamp + token), signature.toLowerCase(Locale.ROOT))) {
            throw WebhookException.unauthenticated(ID, "the signature does not match BOUNCE_MAILGUN_SIGNING_KEY");
        }
        JsonNode e = body.get("event-data");
        if (e == null || !e.isObject()) {
            throw WebhookException.badPayload(ID, "no event-data object");
        }
        String event = Json.text(e, "event");
        String recipient = Json.text(e, "recipient");
        String id = Json.text(e, "id");
        if (event == null || recipient == null || id == null) {
            throw WebhookException.badPayload(ID, "event-data needs event, recipient and id");
        }
        String eventId = ID + ":" + id;
        WebhookEvent out;
        switch (event) {
            case "failed" -> {
                String severity = Json.text(e, "severity");
                String message = Json.text(e, "delivery-status", "message");
                String description = Json.text(e, "delivery-status", "description");
                String diagnostic = join(message, description);
                out = WebhookEvent.bounce(recipient, eventId, Json.smtpCode(e, "delivery-status", "code"),
                        Json.status(Json.text(e, "delivery-status", "enhanced-code")),
                        diagnostic == null ? Json.text(e, "reason") : diagnostic, Json.text(e, "delivery-status", "mx-host"),
                        "temporary".equals(severity) ? "delayed" : "failed",
                        "failed/" + (severity == null ? "?" : severity), Json.text(e, "reason"));
            }
            case "complained" -> out = WebhookEvent.complaint(recipient, eventId, null, "complained");
            case "delivered" -> out = WebhookEvent.delivery(recipient, eventId, "delivered",
                    Json.text(e, "delivery-status", "message"));
            default -> {
                return new Received(List.of(), 1, null);
            }
        }
        return new Received(List.of(out), 0, null);
    }

    private String hmac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null || a.contains(b)) {
            return a;
        }
        return a + " " + b;
    }
}
