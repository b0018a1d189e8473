package org.bounceclassifier.stream;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bounceclassifier.api.InputException;
import org.bounceclassifier.api.LedgerJson;
import org.bounceclassifier.api.LedgerRequests;
import org.bounceclassifier.engine.RuleEvaluationException;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.ledger.EmailAddress;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.logs.LogFormat;
import org.bounceclassifier.logs.LogReader;
import org.bounceclassifier.logs.LogRecord;
import org.bounceclassifier.mail.FailedRecipient;
import org.bounceclassifier.mail.MailParser;
import org.bounceclassifier.mail.ParsedMessage;

/**
 * Turns one record of the in topic into ledger events and the answers to produce: the same
 * classification and the same recording as {@code POST /v1/bounces} (JSON or a raw e-mail), or as
 * {@code classify --log} for an MTA's log line. Event ids come from the record's position (or
 * from the event's own id or the message's queue id), so a record read twice counts once.
 *
 * <p>Partitions are handled on several threads, each partition by one at a time: the log readers
 * keep per-partition state (PowerMTA's header).
 */
final class RecordClassifier {
    private final StreamInput input;
    private final LogFormat logFormat;
    private final Supplier<RuleSet> rules;
    private final Ledger ledger;
    private final java.util.function.Consumer<org.bounceclassifier.engine.Classification> sample;
    private final String lang;
    private final MailParser mailParser = new MailParser();
    private final Map<String, LogReader> logReaders = new ConcurrentHashMap<>();

    RecordClassifier(StreamInput input, LogFormat logFormat, Supplier<RuleSet> rules, Ledger ledger, String lang) {
        this(input, logFormat, rules, ledger, lang, c -> { });
    }

    /** @param sample fed every new classification: the traffic sample a rule reload is measured on */
    RecordClassifier(StreamInput input, LogFormat logFormat, Supplier<RuleSet> rules, Ledger ledger, String lang,
                     java.util.function.Consumer<org.bounceclassifier.engine.Classification> sample) {
        this.sample = sample;
        if (input == StreamInput.LOG && logFormat == null) {
            throw new IllegalArgumentException("log input needs a log format");
        }
        this.input = input;
        this.logFormat = logFormat;
        this.rules = rules;
        this.ledger = ledger;
        this.lang = lang;
    }

    /**
     * Classifies and records one record.
     *
     * @throws PoisonRecordException when the record can never be handled
     * @throws org.bounceclassifier.ledger.LedgerStoreException when the ledger cannot record it now
     */
    List<StreamAnswer> handle(RecordSource source, byte[] value) throws PoisonRecordException {
        if (value == null || value.length == 0) {
            throw new PoisonRecordException("empty_record", "the record has no value");
        }
        try {
            return switch (input) {
                case JSON -> json(source, new String(value, StandardCharsets.UTF_8));
                case MESSAGE -> message(source, value);
                case LOG -> logLine(source, new String(value, StandardCharsets.UTF_8));
            };
        } catch (RuleEvaluationException e) {
            // the rules could not finish on this input (a runaway rule): it would fail again
            throw new PoisonRecordException("rules_failed", e.getMessage());
        }
    }

    private List<StreamAnswer> json(RecordSource source, String text) throws PoisonRecordException {
        LedgerRequests.BounceRequest request;
        try {
            request = LedgerRequests.bounce(text);
        } catch (InputException e) {
            throw new PoisonRecordException(e.code(), e.getMessage());
        }
        String recipient = request.recipient().value();
        Ledger.BounceIds ids = request.ids();
        if (ids.eventId() == null) {
            ids = new Ledger.BounceIds(source.eventId(null), ids.messageId(), ids.occurredAt());
        }
        try {
            Ledger.BounceRecorded recorded = ledger.recordBounce(rules.get(), request.input(), request.recipient(),
                    ids, lang);
            sampled(recorded);
            return List.of(answer(source, recipient, LedgerJson.bounce(recorded)));
        } catch (Ledger.NotAFailureException delivered) {
            throw new PoisonRecordException("not_a_failure", delivered.getMessage());
        }
    }

    private List<StreamAnswer> message(RecordSource source, byte[] raw) throws PoisonRecordException {
        ParsedMessage message = mailParser.parse(raw);
        if (message.recipients().isEmpty()) {
            throw new PoisonRecordException("no_failed_recipient", "the e-mail (" + message.kind().id()
                    + ") names no failed recipient");
        }
        RuleSet ruleSet = rules.get();
        List<StreamAnswer> answers = new ArrayList<>();
        for (FailedRecipient failed : message.recipients()) {
            EmailAddress address = EmailAddress.tryParse(failed.recipient());
            if (address == null) {
                continue;
            }
            // the bounce's Message-ID, as POST /v1/bounces uses it; the record's position otherwise
            String eventId = message.messageId() != null
                    ? message.messageId() + " " + address.value()
                    : source.eventId(address.value());
            try {
                Ledger.BounceRecorded recorded = ledger.recordBounce(ruleSet, failed.input(), address, eventId, lang);
                sampled(recorded);
                answers.add(answer(source, address.value(),
                        LedgerJson.bounce(recorded).put("messageKind", message.kind().id())));
            } catch (Ledger.NotAFailureException delivered) {
                // a delivered or relayed report for this recipient: nothing to record
            }
        }
        if (answers.isEmpty()) {
            throw new PoisonRecordException("no_failed_recipient", "the e-mail names no usable recipient address "
                    + "with a failure to record");
        }
        return answers;
    }

    private List<StreamAnswer> logLine(RecordSource source, String line) throws PoisonRecordException {
        LogReader reader = logReaders.computeIfAbsent(source.topic() + "/" + source.partition(),
                p -> logFormat.newReader());
        List<LogRecord> records = reader.read(line.strip());
        if (records.isEmpty()) {
            // connection and queue lines record no attempt: nothing to do, nothing wrong
            return List.of();
        }
        RuleSet ruleSet = rules.get();
        List<StreamAnswer> answers = new ArrayList<>();
        for (LogRecord record : records) {
            EmailAddress address = EmailAddress.tryParse(record.input().recipient());
            if (address == null) {
                throw new PoisonRecordException("invalid_recipient", "the " + logFormat.id()
                        + " line names no usable recipient address");
            }
            // every deferral of one queue id is one send: the same event id, counted once
            String eventId = record.messageId() == null
                    ? source.eventId(address.value())
                    : logFormat.id() + ":" + record.messageId() + " " + address.value() + " " + record.outcome().id();
            JsonObject body;
            try {
                body = record.outcome() == LogRecord.Outcome.DELIVERED
                        ? LedgerJson.delivery(ledger.recordDelivery(address, eventId))
                        : LedgerJson.bounce(sampled(ledger.recordBounce(ruleSet, record.input(), address, eventId,
                                lang)));
            } catch (Ledger.NotAFailureException delivered) {
                // the MTA logged a failure whose reply the rules read as accepted: a delivery
                body = LedgerJson.delivery(ledger.recordDelivery(address, eventId));
            }
            body.put("outcome", record.outcome().id()).put("messageId", record.messageId());
            if (!record.mtaVerdict().isEmpty()) {
                body.put("mtaVerdict", new JsonObject(new java.util.LinkedHashMap<>(record.mtaVerdict())));
            }
            answers.add(answer(source, address.value(), body));
        }
        return answers;
    }

    /** Feeds a new (not duplicate) classification to the traffic sample; returns what it was given. */
    private Ledger.BounceRecorded sampled(Ledger.BounceRecorded recorded) {
        if (!recorded.recorded().duplicate()) {
            sample.accept(recorded.classification());
        }
        return recorded;
    }

    private static StreamAnswer answer(RecordSource source, String recipient, JsonObject body) {
        return new StreamAnswer(recipient, body.put("source", source.toJson()));
    }
}
