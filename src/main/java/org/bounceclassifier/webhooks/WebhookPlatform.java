package org.bounceclassifier.webhooks;

import java.util.List;

/**
 * One sending platform's webhook: checks a call the way that platform authenticates it, and reads
 * its bounce, complaint and delivery events. Other events (opens, clicks, sends) are left out.
 * May block (SES fetches the signing certificate): call it from a worker thread.
 */
public interface WebhookPlatform {
    /** The path segment: {@code ses}, {@code sendgrid}, {@code postmark}, {@code mailgun}, {@code sparkpost}. */
    String id();

    /**
     * @return the events of an authenticated call; {@link Received#note()} says what else was done
     *     (the SNS subscription handshake)
     * @throws WebhookException 401 when not authenticated, 400 when the payload cannot be read
     */
    Received receive(WebhookRequest request) throws WebhookException;

    /** What one call brought. */
    record Received(List<WebhookEvent> events, int ignored, String note) {
        public Received {
            events = List.copyOf(events);
        }
    }
}
