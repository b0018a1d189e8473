package org.bounceclassifier.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.ledger.EmailAddress;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.ledger.SuppressionImport;
import org.bounceclassifier.ledger.SuppressionQuery;

/**
 * Reads the bodies and query parameters of the ledger endpoints ({@code /v1/bounces},
 * {@code /v1/deliveries}, {@code /v1/suppressions...}), refusing bad input with a message that says
 * what to fix, the same way {@link BounceInputParser} does for {@code /v1/classify}.
 */
public final class LedgerRequests {
    /** Event ids are the caller's keys (a message id, a UUID, a log line number): bounded, not interpreted. */
    public static final int MAX_EVENT_ID_LENGTH = 200;
    public static final int MAX_REASON_LENGTH = 1_000;
    public static final int MAX_ACTOR_LENGTH = 200;
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1_000;

    /** A bounce to classify and record. */
    public record BounceRequest(BounceInput input, EmailAddress recipient, Ledger.BounceIds ids) {
    }

    /** A delivery to record. */
    public record DeliveryRequest(EmailAddress recipient, String eventId) {
    }

    /** Who releases a suppression (or resets a run) and why. */
    public record ReleaseRequest(String reason, String actor) {
    }

    /** An address suppressed by hand: who, why, and optionally as which category. */
    public record SuppressRequest(EmailAddress address, String reason, String actor, String category) {
    }

    private LedgerRequests() {
    }

    /** The body of {@code POST /v1/bounces}: the fields of {@code /v1/classify}, a recipient, an optional eventId. */
    public static BounceRequest bounce(String body) throws InputException {
        JsonObject json = decode(body, "{\"recipient\": \"taro@example.jp\", \"smtpCode\": 550, "
                + "\"diagnostic\": \"550 5.1.1 User unknown\"}");
        if (json.containsKey("history")) {
            throw new InputException("invalid_field", "history is kept by the ledger: /v1/bounces passes the "
                    + "recipient's recorded run of soft bounces to the rules itself; leave history out");
        }
        EmailAddress recipient = requiredAddress(json, "recipient");
        String eventId = eventId(json);
        String messageId = BounceInputParser.string(json, "messageId");
        if (messageId != null && (messageId.isBlank() || messageId.length() > MAX_EVENT_ID_LENGTH)) {
            throw new InputException("invalid_field", "messageId must be a non-empty string of at most "
                    + MAX_EVENT_ID_LENGTH + " characters: the id of the message sent (the MTA's queue id or the"
                    + " Message-ID), the same for every retry of that message");
        }
        String occurred = BounceInputParser.string(json, "occurredAt");
        Instant occurredAt;
        try {
            occurredAt = occurred == null ? null : Instant.parse(occurred.strip());
        } catch (DateTimeParseException e) {
            throw new InputException("invalid_field", "occurredAt must be an instant such as 2026-11-24T09:00:00Z"
                    + " (when the bounce happened), got \"" + occurred + "\"");
        }
        return new BounceRequest(BounceInputParser.parse(json), recipient,
                new Ledger.BounceIds(eventId, messageId == null ? null : messageId.strip(), occurredAt));
    }

    /** The body of {@code POST /v1/deliveries}: a recipient and an optional eventId. */
    public static DeliveryRequest delivery(String body) throws InputException {
        JsonObject json = decode(body, "{\"recipient\": \"taro@example.jp\", \"eventId\": \"send-4711\"}");
        return new DeliveryRequest(requiredAddress(json, "recipient"), eventId(json));
    }

    /** The body of {@code POST /v1/suppressions/check}: {@code {"addresses": [...]}}, at most 10,000. */
    public static List<String> checkAddresses(String body) throws InputException {
        JsonObject json = decode(body, "{\"addresses\": [\"taro@example.jp\", \"hanako@example.com\"]}");
        Object value = json.getValue("addresses");
        if (!(value instanceof JsonArray array)) {
            throw new InputException(value == null ? "missing_field" : "invalid_field",
                    "addresses must be an array of e-mail addresses"
                            + (value == null ? "" : ", not " + BounceInputParser.describe(value)));
        }
        if (array.size() > Ledger.MAX_CHECK_ADDRESSES) {
            throw new InputException("too_many_addresses", "at most " + Ledger.MAX_CHECK_ADDRESSES
                    + " addresses per check, got " + array.size() + "; split the list");
        }
        List<String> addresses = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            Object a = array.getValue(i);
            if (!(a instanceof String s)) {
                throw new InputException("invalid_field", "addresses[" + i + "] must be a string, not "
                        + BounceInputParser.describe(a));
            }
            addresses.add(s);
        }
        return addresses;
    }

    /** Reads one address of a check list; the index says which one is wrong. */
    public static EmailAddress checkedAddress(List<String> addresses, int index) throws InputException {
        return address(addresses.get(index), "addresses[" + index + "]");
    }

    /**
     * The body of {@code DELETE /v1/suppressions/{address}}: {@code reason} is required;
     * {@code releasedBy} (or the {@code X-Actor} header) names the person, "admin" when neither.
     */
    public static ReleaseRequest release(String body, String actorHeader) throws InputException {
        JsonObject json = decode(body, "{\"reason\": \"the customer fixed the mailbox and asked by phone\", "
                + "\"releasedBy\": \"sato\"}");
        return byHand(json, actorHeader, "releasedBy", "why the address may receive mail again");
    }

    /** The body of {@code POST /v1/recipients/{address}/reset}: {@code reason} required, {@code resetBy} optional. */
    public static ReleaseRequest reset(String body, String actorHeader) throws InputException {
        JsonObject json = decode(body, "{\"reason\": \"the customer says the mailbox works again\", "
                + "\"resetBy\": \"sato\"}");
        return byHand(json, actorHeader, "resetBy", "why the run of soft bounces may start again from zero");
    }

    /**
     * The body of {@code POST /v1/suppressions}: {@code address} and {@code reason} required,
     * {@code category} (a category id) and {@code suppressedBy} optional.
     */
    public static SuppressRequest suppress(String body, String actorHeader) throws InputException {
        JsonObject json = decode(body, "{\"address\": \"taro@example.jp\", \"reason\": \"asked by phone to stop"
                + " all mail\"}");
        EmailAddress address = requiredAddress(json, "address");
        ReleaseRequest who = byHand(json, actorHeader, "suppressedBy", "why no mail may go to the address");
        String category = blankToNull(BounceInputParser.string(json, "category"));
        if (category != null && Category.fromId(category).isEmpty()) {
            throw new InputException("invalid_field", "category must be a category id such as complaint "
                    + "(see GET /v1/categories), or left out, got \"" + category + "\"");
        }
        return new SuppressRequest(address, who.reason(), who.actor(), category);
    }

    private static ReleaseRequest byHand(JsonObject json, String actorHeader, String actorField, String why)
            throws InputException {
        String reason = BounceInputParser.string(json, "reason");
        if (reason == null || reason.isBlank()) {
            throw new InputException("missing_field", "reason is required: say " + why
                    + "; it is kept in the audit trail");
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            throw new InputException("invalid_field", "reason is longer than " + MAX_REASON_LENGTH + " characters");
        }
        String actor = BounceInputParser.string(json, actorField);
        if (actor == null || actor.isBlank()) {
            actor = actorHeader;
        }
        if (actor == null || actor.isBlank()) {
            actor = "admin";
        }
        if (actor.length() > MAX_ACTOR_LENGTH) {
            throw new InputException("invalid_field", actorField + " is longer than " + MAX_ACTOR_LENGTH + " characters");
        }
        return new ReleaseRequest(reason.strip(), actor.strip());
    }

    /** An address from a path or a field; {@code where} names it in the error. */
    public static EmailAddress address(String raw, String where) throws InputException {
        try {
            return EmailAddress.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new InputException("invalid_field", where + ": " + e.getMessage());
        }
    }

    /**
     * The filters of {@code GET /v1/suppressions} and its CSV export. {@code since} is an instant
     * ({@code 2026-11-24T00:00:00Z}) or a date ({@code 2026-11-24}, midnight UTC).
     *
     * @param limit the page size as given, or null for the default
     * @param cursor the {@code nextCursor} of the previous page, or null for the first
     */
    public static SuppressionQuery suppressionQuery(String domain, String category, String since, String limit,
                                                    String cursor) throws InputException {
        String d = blankToNull(domain);
        String c = blankToNull(category);
        if (c != null && Category.fromId(c).isEmpty() && !c.equals(SuppressionImport.MANUAL)
                && !c.equals(SuppressionImport.IMPORTED)) {
            throw new InputException("invalid_parameter", "category must be a category id such as bad_mailbox "
                    + "(see GET /v1/categories), got \"" + c + "\"");
        }
        if (d != null) {
            // the domain as the ledger keys it: 例え.jp is xn--r8jz45g.jp
            EmailAddress probe = EmailAddress.tryParse("x@" + d);
            d = probe == null ? d.toLowerCase(Locale.ROOT) : probe.domain();
        }
        return new SuppressionQuery(d, c, instant(blankToNull(since)),
                SuppressionCursor.decode(blankToNull(cursor)), pageSize(blankToNull(limit)));
    }

    private static Instant instant(String since) throws InputException {
        if (since == null) {
            return null;
        }
        try {
            return since.length() == "yyyy-mm-dd".length()
                    ? LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new InputException("invalid_parameter", "since must be a date (2026-11-24) or an instant "
                    + "(2026-11-24T09:00:00Z), got \"" + since + "\"");
        }
    }

    private static int pageSize(String limit) throws InputException {
        if (limit == null) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= MAX_PAGE_SIZE) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InputException("invalid_parameter", "limit must be a whole number from 1 to " + MAX_PAGE_SIZE
                + ", got \"" + limit + "\"");
    }

    private static JsonObject decode(String body, String example) throws InputException {
        if (body == null || body.isBlank()) {
            throw new InputException("empty_body", "the body is empty: send a JSON object such as " + example);
        }
        return BounceInputParser.decodeObject(body);
    }

    private static EmailAddress requiredAddress(JsonObject json, String field) throws InputException {
        String raw = BounceInputParser.string(json, field);
        if (raw == null || raw.isBlank()) {
            throw new InputException("missing_field", field + " is required: the address the event is about");
        }
        return address(raw, field);
    }

    private static String eventId(JsonObject json) throws InputException {
        String id = BounceInputParser.string(json, "eventId");
        if (id == null) {
            return null;
        }
        if (id.isBlank() || id.length() > MAX_EVENT_ID_LENGTH) {
            throw new InputException("invalid_field", "eventId must be a non-empty string of at most "
                    + MAX_EVENT_ID_LENGTH + " characters (leave it out and the ledger makes one up)");
        }
        return id;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
