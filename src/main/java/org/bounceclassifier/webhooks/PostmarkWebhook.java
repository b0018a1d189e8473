package org.bounceclassifier.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Postmark's webhooks: HTTP basic auth with the user and password set in the webhook's URL
 * ({@code BOUNCE_POSTMARK_USER}, {@code BOUNCE_POSTMARK_PASSWORD}); one record per call:
 * {@code RecordType} Bounce, SpamComplaint or Delivery. A bounce's {@code Details} (the receiving
 * server's own words) go to the rules; Postmark's {@code Type} and {@code Description} are kept as
 * evidence only.
 */
final class PostmarkWebhook implements WebhookPlatform {
    static final String ID = "postmark";
    private final String expectedAuthorization;

    PostmarkWebhook(String user, String password) {
        this.expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Received receive(WebhookRequest request) throws WebhookException {
        String given = request.header("Authorization");
        if (given == null) {
            throw WebhookException.unauthenticated(ID, "no Authorization header: put the user and password in the"
                    + " webhook URL (https://user:password@host/v1/webhooks/postmark)");
        }
        if (!Secrets.same(expectedAuthorization, given.strip())) {
            throw WebhookException.unauthenticated(ID, "the user or password is not BOUNCE_POSTMARK_USER and"
                    + " BOUNCE_POSTMARK_PASSWORD");
        }
        JsonNode r = Json.parse(ID, request.body());
        String recordType = Json.text(r, "RecordType");
        if (recordType == null) {
            throw WebhookException.badPayload(ID, "no RecordType");
        }
        WebhookEvent out;
        switch (recordType) {
            case "Bounce" -> {
                String email = required(r, "Email");
                String type = Json.text(r, "Type");
                String details = Json.text(r, "Details");
                String description = Json.text(r, "Description");
                out = WebhookEvent.bounce(email, ID + ":bounce:" + required(r, "ID"), null, null,
                        details == null ? description : details, null,
                        "Transient".equals(type) ? "delayed" : "failed", type, description);
            }
            case "SpamComplaint" -> out = WebhookEvent.complaint(required(r, "Email"),
                    ID + ":complaint:" + required(r, "ID"), null, Json.text(r, "Type"));
            case "Delivery" -> {
                String recipient = required(r, "Recipient");
                out = WebhookEvent.delivery(recipient, ID + ":delivery:" + required(r, "MessageID") + " " + recipient,
                        "Delivery", Json.text(r, "Details"));
            }
            default -> {
                return new Received(List.of(), 1, null);
            }
        }
        return new Received(List.of(out), 0, null);
    }

    private static String required(JsonNode r, String field) throws WebhookException {
        String v = Json.text(r, field);
        if (v == null) {
            throw WebhookException.badPayload(ID, "the " + Json.text(r, "RecordType") + " record has no " + field);
        }
        return v;
    }
}
