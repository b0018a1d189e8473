package org.bounceclassifier.webhooks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The platforms whose webhooks are on: each one whose secret is in the environment. A platform
 * without it is off, and its endpoint answers 403, so no one can feed the ledger through a door
 * nobody locked.
 */
public final class WebhookPlatforms {
    /** Every platform, in the order the README lists them, with the variables that turn it on. */
    public static final Map<String, String> SECRETS = Map.of(
            SesWebhook.ID, "BOUNCE_SES_TOPIC_ARNS",
            SendGridWebhook.ID, "BOUNCE_SENDGRID_PUBLIC_KEY",
            PostmarkWebhook.ID, "BOUNCE_POSTMARK_USER and BOUNCE_POSTMARK_PASSWORD",
            MailgunWebhook.ID, "BOUNCE_MAILGUN_SIGNING_KEY",
            SparkPostWebhook.ID, "BOUNCE_SPARKPOST_AUTH");

    private final Map<String, WebhookPlatform> enabled;

    private WebhookPlatforms(Map<String, WebhookPlatform> enabled) {
        this.enabled = Map.copyOf(enabled);
    }

    /** None on: every webhook answers 403. */
    public static WebhookPlatforms none() {
        return new WebhookPlatforms(Map.of());
    }

    /**
     * The platforms whose secrets {@code env} holds.
     *
     * @param sns how the SES webhook reaches SNS ({@link HttpSnsClient} in production)
     * @throws IllegalArgumentException when a secret is there but unusable (a public key that is no key)
     */
    public static WebhookPlatforms fromEnvironment(Map<String, String> env, SnsClient sns) {
        Map<String, WebhookPlatform> on = new LinkedHashMap<>();
        String topics = Secrets.env(env, "BOUNCE_SES_TOPIC_ARNS");
        if (topics != null) {
            Set<String> arns = Arrays.stream(topics.split("[,\\s]+")).filter(s -> !s.isBlank())
                    .collect(Collectors.toSet());
            on.put(SesWebhook.ID, new SesWebhook(arns, sns));
        }
        String sendgrid = Secrets.env(env, "BOUNCE_SENDGRID_PUBLIC_KEY");
        if (sendgrid != null) {
            on.put(SendGridWebhook.ID, new SendGridWebhook(SendGridWebhook.publicKey(sendgrid)));
        }
        String user = Secrets.env(env, "BOUNCE_POSTMARK_USER");
        String password = Secrets.env(env, "BOUNCE_POSTMARK_PASSWORD");
        if (user != null && password != null) {
            on.put(PostmarkWebhook.ID, new PostmarkWebhook(user, password));
        }
        String mailgun = Secrets.env(env, "BOUNCE_MAILGUN_SIGNING_KEY");
        if (mailgun != null) {
            on.put(MailgunWebhook.ID, new MailgunWebhook(mailgun));
        }
        String sparkpost = Secrets.env(env, "BOUNCE_SPARKPOST_AUTH");
        if (sparkpost != null) {
            on.put(SparkPostWebhook.ID, new SparkPostWebhook(sparkpost));
        }
        return new WebhookPlatforms(on);
    }

    /** Whether {@code id} names a platform at all (on or off). */
    public static boolean known(String id) {
        return SECRETS.containsKey(id);
    }

    /** The platform when it is on, else null. */
    public WebhookPlatform get(String id) {
        return enabled.get(id);
    }

    public List<String> enabledIds() {
        return enabled.keySet().stream().sorted().toList();
    }
}
