package org.bounceclassifier.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Amazon SES notifications through an SNS topic. Every SNS message is signed: the certificate named
 * by {@code SigningCertURL} (which must be https on an {@code sns.<region>.amazonaws.com} host) must
 * verify {@code Signature} (version 1 SHA1withRSA, version 2 SHA256withRSA) over the message's
 * fields in SNS's order, and the topic must be one of {@code BOUNCE_SES_TOPIC_ARNS}. A
 * {@code SubscriptionConfirmation} is confirmed by visiting its {@code SubscribeURL}; a
 * {@code Notification} carries one SES event: Bounce, Complaint or Delivery (notification or event
 * publishing form).
 */
final class SesWebhook implements WebhookPlatform {
    static final String ID = "ses";
    private static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");
    private static final List<String> NOTIFICATION_FIELDS =
            List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    private static final List<String> SUBSCRIPTION_FIELDS =
            List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

    private final Set<String> topics;
    private final SnsClient sns;

    SesWebhook(Set<String> topics, SnsClient sns) {
        this.topics = Set.copyOf(topics);
        this.sns = sns;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Received receive(WebhookRequest request) throws WebhookException {
        JsonNode m = Json.parse(ID, request.body());
        String type = Json.text(m, "Type");
        if (type == null || Json.text(m, "Signature") == null || Json.text(m, "SigningCertURL") == null) {
            throw WebhookException.unauthenticated(ID, "not a signed SNS message (Type, Signature, SigningCertURL)");
        }
        verify(m, type);
        String topic = Json.text(m, "TopicArn");
        if (!topics.contains(topic)) {
            throw new WebhookException(403, "topic_not_allowed", "the SNS topic " + topic
                    + " is not in BOUNCE_SES_TOPIC_ARNS; add it there to take its notifications");
        }
        switch (type) {
            case "SubscriptionConfirmation" -> {
                URI subscribe = snsUri(Json.text(m, "SubscribeURL"), "SubscribeURL");
                try {
                    sns.confirm(subscribe);
                } catch (IOException e) {
                    throw new WebhookException(503, "sns_unreachable", "the subscription to " + topic
                            + " could not be confirmed (" + e.getMessage() + "); SNS will send it again");
                }
                return new Received(List.of(), 0, "subscription to " + topic + " confirmed");
            }
            case "Notification" -> {
                return notification(Json.parse(ID, Json.text(m, "Message")));
            }
            default -> {
                return new Received(List.of(), 1, type + " ignored");
            }
        }
    }

    private void verify(JsonNode m, String type) throws WebhookException {
        String version = Json.text(m, "SignatureVersion");
        String algorithm = "1".equals(version) ? "SHA1withRSA" : "2".equals(version) ? "SHA256withRSA" : null;
        if (algorithm == null) {
            throw WebhookException.unauthenticated(ID, "SignatureVersion " + version + " is not 1 or 2");
        }
        URI certUrl = snsUri(Json.text(m, "SigningCertURL"), "SigningCertURL");
        X509Certificate cert;
        try {
            cert = sns.certificate(certUrl);
            cert.checkValidity();
        } catch (IOException e) {
            throw new WebhookException(503, "sns_unreachable", "the SNS signing certificate " + certUrl
                    + " could not be fetched (" + e.getMessage() + "); SNS retries the delivery");
        } catch (GeneralSecurityException e) {
            throw WebhookException.unauthenticated(ID, "the signing certificate is not valid now");
        }
        List<String> fields = "Notification".equals(type) ? NOTIFICATION_FIELDS : SUBSCRIPTION_FIELDS;
        StringBuilder signed = new StringBuilder();
        for (String f : fields) {
            JsonNode v = m.get(f);
            if (v != null && !v.isNull()) {
                signed.append(f).append('\n').append(v.asText()).append('\n');
            }
        }
        try {
            Signature rsa = Signature.getInstance(algorithm);
            rsa.initVerify(cert.getPublicKey());
            rsa.update(signed.toString().getBytes(StandardCharsets.UTF_8));
            if (!rsa.verify(Base64.getDecoder().decode(Json.text(m, "Signature")))) {
                throw WebhookException.unauthenticated(ID, "the SNS signature does not verify");
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw WebhookException.unauthenticated(ID, "the SNS signature does not verify (" + e.getMessage() + ")");
        }
    }

    /** A URL SNS gave, accepted only when it is https on an SNS host, so no one can make us fetch elsewhere. */
    private static URI snsUri(String text, String field) throws WebhookException {
        if (text != null) {
            try {
                URI u = new URI(text);
                if ("https".equals(u.getScheme()) && u.getHost() != null && SNS_HOST.matcher(u.getHost()).matches()
                        && u.getPort() == -1 && u.getUserInfo() == null) {
                    return u;
                }
            } catch (URISyntaxException e) {
                // refused below
            }
        }
        throw WebhookException.unauthenticated(ID, field + " is not an https URL on an sns.<region>.amazonaws.com host: "
                + text);
    }

    private static Received notification(JsonNode n) throws WebhookException {
        String type = Json.text(n, "notificationType") == null ? Json.text(n, "eventType") : Json.text(n, "notificationType");
        List<WebhookEvent> events = new ArrayList<>();
        if ("Bounce".equals(type)) {
            JsonNode b = n.path("bounce");
            String feedbackId = required(Json.text(b, "feedbackId"), "bounce.feedbackId");
            String bounceType = Json.text(b, "bounceType") + "/" + Json.text(b, "bounceSubType");
            String mta = host(Json.text(b, "reportingMTA"));
            for (JsonNode r : b.path("bouncedRecipients")) {
                String email = Json.text(r, "emailAddress");
                if (email == null) {
                    continue;
                }
                String diagnostic = Json.text(r, "diagnosticCode");
                events.add(WebhookEvent.bounce(email, ID + ":" + feedbackId + " " + email, null,
                        Json.status(Json.text(r, "status")),
                        diagnostic != null ? diagnostic : "Amazon SES " + bounceType.replace('/', ' ') + " bounce",
                        mta, Json.text(r, "action") == null ? "failed" : Json.text(r, "action"), bounceType, diagnostic));
            }
        } else if ("Complaint".equals(type)) {
            JsonNode c = n.path("complaint");
            String feedbackId = required(Json.text(c, "feedbackId"), "complaint.feedbackId");
            for (JsonNode r : c.path("complainedRecipients")) {
                String email = Json.text(r, "emailAddress");
                if (email != null) {
                    events.add(WebhookEvent.complaint(email, ID + ":" + feedbackId + " " + email,
                            Json.text(c, "complaintFeedbackType"), "Complaint"));
                }
            }
        } else if ("Delivery".equals(type)) {
            String messageId = required(Json.text(n, "mail", "messageId"), "mail.messageId");
            for (JsonNode r : n.path("delivery").path("recipients")) {
                String email = r.isTextual() ? r.asText() : null;
                if (email != null) {
                    events.add(WebhookEvent.delivery(email, ID + ":delivery:" + messageId + " " + email, "Delivery",
                            Json.text(n, "delivery", "smtpResponse")));
                }
            }
        } else {
            return new Received(List.of(), 1, null);
        }
        return new Received(events, 0, null);
    }

    private static String required(String value, String what) throws WebhookException {
        if (value == null) {
            throw WebhookException.badPayload(ID, "the SES notification has no " + what);
        }
        return value;
    }

    /** {@code dsn; a8-70.smtp-out.amazonses.com} is the host {@code a8-70.smtp-out.amazonses.com}. */
    private static String host(String mta) {
        if (mta == null) {
            return null;
        }
        int semi = mta.indexOf(';');
        return semi < 0 ? mta.strip() : mta.substring(semi + 1).strip();
    }
}
