package org.bounceclassifier.intake;

import java.util.ArrayList;
import java.util.List;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.ledger.EmailAddress;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.ledger.LedgerStore;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.webhooks.WebhookEvent;

/**
 * Records a sending platform's events in the ledger with the calls {@code POST /v1/bounces} and
 * {@code POST /v1/deliveries} make: a bounce or complaint is classified by the rules from the
 * platform's diagnostic text; a delivery resets the soft-bounce run. Each event is keyed by the
 * platform's own event id, so a webhook the platform sends again counts once.
 *
 * <p>Blocks on the ledger: call it from a worker thread.
 */
public final class WebhookRecorder {
    private final CurrentRules rules;
    private final Ledger ledger;
    private final String lang;
    private final IntakeMetrics metrics;

    public WebhookRecorder(CurrentRules rules, Ledger ledger, String lang, IntakeMetrics metrics) {
        this.rules = rules;
        this.ledger = ledger;
        this.lang = lang;
        this.metrics = metrics;
    }

    /**
     * What recording one event did: exactly one of {@code bounce} and {@code delivery} is set, or
     * neither when the recipient is no address.
     */
    public record Recorded(WebhookEvent event, Ledger.BounceRecorded bounce, LedgerStore.Recorded delivery) {
        public boolean duplicate() {
            return bounce != null ? bounce.recorded().duplicate() : delivery != null && delivery.duplicate();
        }
    }

    public List<Recorded> record(String platform, List<WebhookEvent> events) {
        List<Recorded> out = new ArrayList<>(events.size());
        for (WebhookEvent e : events) {
            EmailAddress address = EmailAddress.tryParse(e.recipient());
            if (address == null) {
                metrics.message(platform, "no_address");
                out.add(new Recorded(e, null, null));
                continue;
            }
            Recorded r;
            if (e.kind() == WebhookEvent.Kind.DELIVERY) {
                r = new Recorded(e, null, ledger.recordDelivery(address, e.eventId()));
            } else {
                BounceInput in = e.input();
                BounceInput input = new BounceInput(in.smtpCode(), in.enhancedStatus(), in.diagnostic(), address.value(),
                        in.sender(), in.remoteMta(), in.dsnAction(), 0);
                try {
                    r = new Recorded(e, ledger.recordBounce(rules.get(), input, address, e.eventId(), lang), null);
                } catch (Ledger.NotAFailureException delivered) {
                    // the platform called it a bounce, but its own diagnostic is a 2xx: nothing to count
                    metrics.message(platform, "not_a_failure");
                    continue;
                }
                if (!r.duplicate()) {
                    metrics.classified(r.bounce().classification(), platform);
                }
            }
            metrics.message(platform, r.duplicate() ? "duplicate" : e.kind().id());
            out.add(r);
        }
        return out;
    }
}
