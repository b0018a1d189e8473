package org.bounceclassifier.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.bounceclassifier.intake.BounceIntake;
import org.bounceclassifier.intake.IntakeMetrics;
import org.bounceclassifier.intake.IntakeResult;
import org.bounceclassifier.ledger.EmailAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One mail transaction on the return path: refuses a client over its rate at MAIL, every recipient
 * outside the bounce domains at RCPT (never a relay), a message over the size limit at the end of
 * DATA; and answers 250 to DATA only once the message is classified and in the ledger. When that
 * fails it answers 451, so the sending MTA keeps the message and tries again.
 */
final class ReturnPathHandler implements MessageHandler {
    static final String SOURCE = "smtp";
    private static final Logger LOG = LoggerFactory.getLogger(ReturnPathHandler.class);

    private final SmtpConfig config;
    private final BounceIntake intake;
    private final ClientRateLimiter limiter;
    private final IntakeMetrics metrics;
    private final InetAddress client;
    private final List<String> recipients = new ArrayList<>(1);

    ReturnPathHandler(MessageContext context, SmtpConfig config, BounceIntake intake, ClientRateLimiter limiter,
                      IntakeMetrics metrics) {
        this.config = config;
        this.intake = intake;
        this.limiter = limiter;
        this.metrics = metrics;
        this.client = context.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
    }

    @Override
    public void from(String from) throws RejectException {
        if (client != null && !limiter.tryAcquire(client)) {
            metrics.message(SOURCE, "rate_limited");
            throw new RejectException(450, "4.7.1 Too many messages from " + client.getHostAddress()
                    + " (more than " + config.perClientPerMinute() + " a minute); try again later");
        }
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        if (!config.domains().accepts(recipient)) {
            metrics.message(SOURCE, "relay_denied");
            throw new RejectException(550, "5.7.1 Relay denied: this server takes mail only for "
                    + String.join(", ", config.domains().names()));
        }
        recipients.add(recipient);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        byte[] raw = data.readNBytes(config.maxMessageBytes() + 1);
        if (raw.length > config.maxMessageBytes()) {
            // read the rest before answering: what is left unread would be taken for commands
            data.transferTo(OutputStream.nullOutputStream());
            metrics.message(SOURCE, "too_large");
            throw new RejectException(552, "5.3.4 Message larger than " + config.maxMessageBytes() + " bytes");
        }
        IntakeResult result;
        try {
            result = intake.record(raw, envelopeRecipient(), SOURCE);
        } catch (RuntimeException e) {
            metrics.message(SOURCE, "failed");
            LOG.warn("a bounce from {} could not be recorded; answered 451 so the sender retries: {}",
                    client == null ? "?" : client.getHostAddress(), e.toString());
            throw new RejectException(451, "4.3.0 The bounce could not be recorded now; try again later");
        }
        if (result.unaddressedCount() > 0 || result.entries().isEmpty()) {
            LOG.info("{} from {} ({}): {}", result.messageId() == null ? "a message" : result.messageId(),
                    client == null ? "?" : client.getHostAddress(), String.join(", ", recipients), result.summary());
        }
        return "2.0.0 Ok, " + result.summary();
    }

    @Override
    public void done() {
        // nothing is held between transactions
    }

    /**
     * The original recipient the bounce address encodes (VERP), when every recipient of this
     * transaction encodes the same one; else null, and the notice's own recipients count.
     */
    private EmailAddress envelopeRecipient() {
        EmailAddress found = null;
        for (String r : recipients) {
            EmailAddress decoded = config.verp().decode(r);
            if (decoded == null || (found != null && !found.equals(decoded))) {
                return null;
            }
            found = decoded;
        }
        return found;
    }
}
