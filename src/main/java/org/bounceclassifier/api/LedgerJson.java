package org.bounceclassifier.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bounceclassifier.ledger.AuditEntry;
import org.bounceclassifier.ledger.EmailAddress;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.ledger.LedgerEvent;
import org.bounceclassifier.ledger.LedgerStore;
import org.bounceclassifier.ledger.Recipient;
import org.bounceclassifier.ledger.Reevaluation;
import org.bounceclassifier.ledger.SuppressionPage;

/** The JSON shapes of the ledger endpoints (README, "Recipient ledger"). */
public final class LedgerJson {
    private LedgerJson() {
    }

    /** {@code POST /v1/bounces}: the classification of {@code /v1/classify}, then what recording it did. */
    public static JsonObject bounce(Ledger.BounceRecorded b) {
        return recorded(ClassificationJson.toJson(b.classification()), b.recorded());
    }

    /** {@code POST /v1/deliveries}. */
    public static JsonObject delivery(LedgerStore.Recorded r) {
        return recorded(new JsonObject(), r);
    }

    private static JsonObject recorded(JsonObject into, LedgerStore.Recorded r) {
        return into.put("eventId", r.event().eventId())
                .put("duplicate", r.duplicate())
                .put("effect", r.event().effect().id())
                .put("recipient", recipient(r.recipient()));
    }

    public static JsonObject recipient(Recipient r) {
        Recipient.Suppression s = r.suppression();
        return new JsonObject()
                .put("address", r.address().value())
                .put("domain", r.address().domain())
                .put("state", r.state().id())
                .put("consecutiveSoftBounces", r.consecutiveSoftBounces())
                .put("suppression", s == null ? null : new JsonObject()
                        .put("category", s.category())
                        .put("eventId", s.eventId())
                        .put("suppressedAt", time(s.at()))
                        .put("matchedRules", new JsonArray(s.matchedRules())))
                .put("releasedAt", time(r.releasedAt()))
                .put("updatedAt", time(r.updatedAt()));
    }

    /** {@code GET /v1/recipients/{address}}: the recipient, its latest events and its audit trail. */
    public static JsonObject view(Ledger.RecipientView v) {
        JsonArray events = new JsonArray();
        v.events().forEach(e -> events.add(event(e)));
        JsonArray audit = new JsonArray();
        v.audit().forEach(a -> audit.add(audit(a)));
        return recipient(v.recipient()).put("events", events).put("audit", audit);
    }

    public static JsonObject event(LedgerEvent e) {
        JsonObject json = new JsonObject()
                .put("eventId", e.eventId())
                .put("kind", e.kind().id())
                .put("recordedAt", time(e.recordedAt()));
        if (e.kind() == LedgerEvent.Kind.BOUNCE) {
            json.put("category", e.category())
                    .put("bounceType", e.bounceType())
                    .put("action", e.action())
                    .put("smtpCode", e.smtpCode())
                    .put("enhancedStatus", e.enhancedStatus())
                    .put("matchedRules", new JsonArray(e.matchedRules() == null ? List.of() : e.matchedRules()))
                    .put("rulesVersion", e.rulesVersion());
            LedgerEvent.Report r = e.report() == null ? LedgerEvent.Report.NONE : e.report();
            json.put("messageId", r.messageId())
                    .put("occurredAt", time(r.occurredAt()))
                    .put("diagnostic", r.diagnostic());
        }
        return json.put("effect", e.effect().id())
                .put("consecutiveSoftBouncesBefore", e.softBouncesBefore())
                .put("consecutiveSoftBounces", e.softBouncesAfter());
    }

    /** {@code POST /v1/ledger/reevaluate}: counts per transition with examples, the recipients that change. */
    public static JsonObject reevaluation(Reevaluation.Report r) {
        JsonArray transitions = new JsonArray();
        r.transitions.values().stream().sorted((a, b) -> Long.compare(b.count, a.count)).forEach(t -> {
            JsonArray examples = new JsonArray();
            t.examples.forEach(e -> examples.add(new JsonObject().put("eventId", e.eventId()).put("address", e.address())));
            transitions.add(new JsonObject()
                    .put("from", new JsonObject().put("category", t.fromCategory).put("bounceType", t.fromType))
                    .put("to", new JsonObject().put("category", t.toCategory).put("bounceType", t.toType))
                    .put("count", t.count)
                    .put("examples", examples));
        });
        return new JsonObject()
                .put("dryRun", r.dryRun)
                .put("rulesVersion", r.rulesVersion)
                .put("recipients", r.recipients)
                .put("events", r.events)
                .put("eventsJudged", r.eventsJudged)
                .put("eventsKeptWithoutText", r.eventsKeptWithoutText)
                .put(r.dryRun ? "eventsThatWouldChange" : "eventsChanged", r.eventsRewritten)
                .put("transitions", transitions)
                .put(r.dryRun ? "wouldSuppress" : "suppressed", addresses(r.wouldSuppress))
                .put(r.dryRun ? "wouldRelease" : "released", addresses(r.wouldRelease))
                .put("otherStateChanges", r.otherStateChanges)
                .put("keptBecauseTheCauseWasPurged", r.keptCausePurged)
                .put("millis", r.millis);
    }

    private static JsonObject addresses(Reevaluation.Addresses a) {
        return new JsonObject().put("count", a.count).put("examples", new JsonArray(a.examples));
    }

    public static JsonObject audit(AuditEntry a) {
        return new JsonObject()
                .put("action", a.action())
                .put("actor", a.actor())
                .put("reason", a.reason())
                .put("at", time(a.at()))
                .put("category", a.category())
                .put("eventId", a.eventId());
    }

    /** One entry of the suppression list and of a check answer. */
    public static JsonObject suppression(Recipient r) {
        Recipient.Suppression s = r.suppression();
        return new JsonObject()
                .put("address", r.address().value())
                .put("domain", r.address().domain())
                .put("category", s.category())
                .put("suppressedAt", time(s.at()))
                .put("eventId", s.eventId())
                .put("matchedRules", new JsonArray(s.matchedRules()));
    }

    /**
     * {@code POST /v1/suppressions/check}: the suppressed ones among the addresses sent, each under
     * its address as sent, so a campaign tool can match them against its own list.
     *
     * @param found the suppressed recipients keyed by normalized address
     */
    public static JsonObject check(List<String> sent, List<EmailAddress> parsed, Map<String, Recipient> found) {
        JsonArray suppressed = new JsonArray();
        for (int i = 0; i < sent.size(); i++) {
            Recipient r = found.get(parsed.get(i).value());
            if (r != null) {
                suppressed.add(suppression(r).put("address", sent.get(i)));
            }
        }
        return new JsonObject().put("checked", sent.size()).put("suppressed", suppressed);
    }

    /** {@code GET /v1/suppressions}. */
    public static JsonObject page(SuppressionPage page) {
        JsonArray items = new JsonArray();
        page.items().forEach(r -> items.add(suppression(r)));
        return new JsonObject()
                .put("total", page.total())
                .put("suppressions", items)
                .put("nextCursor", SuppressionCursor.encode(page.next()));
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
