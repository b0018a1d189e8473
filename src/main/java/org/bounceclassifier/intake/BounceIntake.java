package org.bounceclassifier.intake;

import java.util.ArrayList;
import java.util.List;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.ledger.EmailAddress;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.mail.FailedRecipient;
import org.bounceclassifier.mail.MailParser;
import org.bounceclassifier.mail.ParsedMessage;
import org.bounceclassifier.service.CurrentRules;

/**
 * Where a raw bounce e-mail that arrived by itself (the return-path SMTP receiver, the
 * mailbox poller) is read, classified and recorded: the same parser and the same
 * {@link Ledger#recordBounce} call as {@code POST /v1/bounces} with {@code message/rfc822}, and the
 * same event id per (message, recipient), so a message recorded by one way in and redelivered by
 * another counts once.
 *
 * <p>Blocks on the ledger: call it from a worker thread. A {@code LedgerStoreException} goes to the
 * caller, who must then not acknowledge the message (the sender retries).
 */
public final class BounceIntake {
    private final MailParser parser;
    private final CurrentRules rules;
    private final Ledger ledger;
    private final String lang;
    private final IntakeMetrics metrics;

    public BounceIntake(MailParser parser, CurrentRules rules, Ledger ledger, String lang, IntakeMetrics metrics) {
        this.parser = parser;
        this.rules = rules;
        this.ledger = ledger;
        this.lang = lang;
        this.metrics = metrics;
    }

    /**
     * Reads, classifies and records one message.
     *
     * @param raw the message as it arrived, headers included
     * @param envelopeRecipient the original recipient the bounce address encodes (VERP), or null.
     *     It is the address the sender's list holds, so it is recorded whenever the notice reports
     *     on one recipient, whether the notice names it, names another (an alias it was forwarded
     *     to) or names none. A notice on several recipients is recorded as it names them.
     * @param source the way in, for the metrics: {@code smtp}, {@code imap}
     */
    public IntakeResult record(byte[] raw, EmailAddress envelopeRecipient, String source) {
        ParsedMessage message = parser.parse(raw);
        RuleSet ruleSet = rules.get();
        String messageKey = MessageKey.of(message.messageId(), raw);
        List<FailedRecipient> reported = message.recipients();
        List<IntakeResult.Entry> entries = new ArrayList<>(reported.size());
        for (FailedRecipient failed : reported) {
            EmailAddress address = envelopeRecipient != null && reported.size() == 1
                    ? envelopeRecipient
                    : EmailAddress.tryParse(failed.recipient());
            if (address == null) {
                entries.add(new IntakeResult.Entry(failed.recipient(), null));
                continue;
            }
            BounceInput input = withRecipient(failed.input(), address.value());
            try {
                Ledger.BounceRecorded recorded = ledger.recordBounce(ruleSet, input, address,
                        MessageKey.eventId(messageKey, address), lang);
                entries.add(new IntakeResult.Entry(address.value(), recorded));
            } catch (Ledger.NotAFailureException delivered) {
                // a positive delivery report (NOTIFY=SUCCESS) reached the return path: not a bounce,
                // nothing to record, and no reason to make the sending MTA try again
            }
        }
        IntakeResult result = new IntakeResult(message.kind(), message.messageId(), entries);
        metrics.counted(source, result);
        return result;
    }

    private static BounceInput withRecipient(BounceInput in, String recipient) {
        return new BounceInput(in.smtpCode(), in.enhancedStatus(), in.diagnostic(), recipient, in.sender(),
                in.remoteMta(), in.dsnAction(), in.consecutiveSoftBounces());
    }
}
