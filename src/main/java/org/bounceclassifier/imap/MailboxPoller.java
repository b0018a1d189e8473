package org.bounceclassifier.imap;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bounceclassifier.intake.BounceIntake;
import org.bounceclassifier.intake.IntakeMetrics;
import org.bounceclassifier.intake.IntakeResult;
import org.bounceclassifier.ledger.EmailAddress;
import org.bounceclassifier.ledger.LedgerStoreException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the bounce mailbox over IMAP (Angus Mail, Jakarta Mail's implementation) every poll
 * interval: each message is classified and recorded like any other raw bounce, then moved to the
 * processed folder. One that cannot be handled (too large, not a bounce, no recipient, the rules
 * failed) is put into the failed folder with an {@code X-Bounce-Classifier-Failure} header saying
 * why, and taken out of the folder read. While the ledger cannot record, messages stay where they
 * are and the next poll tries again. Nothing is expunged but the very messages moved, and only
 * when the server can expunge single messages (UIDPLUS); otherwise they stay flagged deleted.
 */
public final class MailboxPoller implements AutoCloseable {
    static final String SOURCE = "imap";
    static final String FAILURE_HEADER = "X-Bounce-Classifier-Failure";
    private static final Logger LOG = LoggerFactory.getLogger(MailboxPoller.class);
    private static final int TIMEOUT_MILLIS = 30_000;

    private final MailboxConfig config;
    private final BounceIntake intake;
    private final IntakeMetrics metrics;
    private final Session session;
    private ScheduledExecutorService timer;

    public MailboxPoller(MailboxConfig config, BounceIntake intake, IntakeMetrics metrics) {
        this.config = config;
        this.intake = intake;
        this.metrics = metrics;
        Properties p = new Properties();
        for (String protocol : new String[] {"imap", "imaps"}) {
            p.put("mail." + protocol + ".connectiontimeout", String.valueOf(TIMEOUT_MILLIS));
            p.put("mail." + protocol + ".timeout", String.valueOf(TIMEOUT_MILLIS));
            p.put("mail." + protocol + ".writetimeout", String.valueOf(TIMEOUT_MILLIS));
            // the certificate must name the host (Jakarta Mail does not check it unless told to)
            p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        p.put("mail.imap.starttls.enable", "true");
        this.session = Session.getInstance(p);
    }

    /** What one poll did. */
    public record Poll(int recorded, int failed, int deferred) {
    }

    /** Polls now and then every interval, on a thread of its own, until closed. */
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imap-poller");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                Poll poll = pollOnce();
                if (poll.recorded() + poll.failed() + poll.deferred() > 0) {
                    LOG.info("{}: {} recorded, {} to {}, {} left for the next poll", config.describe(), poll.recorded(),
                            poll.failed(), config.failedFolder(), poll.deferred());
                }
            } catch (MessagingException | RuntimeException e) {
                LOG.warn("polling {} failed; trying again in {} s: {}", config.describe(),
                        config.pollInterval().toSeconds(), e.toString());
            }
        }, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads every message in the folder once. */
    public Poll pollOnce() throws MessagingException {
        Store store = session.getStore(config.ssl() ? "imaps" : "imap");
        store.connect(config.host(), config.port(), config.user(), config.password());
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder(config.folder());
            if (!inbox.exists()) {
                throw new MessagingException("the folder " + config.folder() + " does not exist in " + config.describe());
            }
            Folder processed = folder(store, config.processedFolder());
            Folder failed = folder(store, config.failedFolder());
            boolean canMove = ((IMAPStore) store).hasCapability("MOVE");
            boolean canExpungeOne = ((IMAPStore) store).hasCapability("UIDPLUS");
            inbox.open(Folder.READ_WRITE);
            int recorded = 0;
            int failures = 0;
            int deferred = 0;
            try {
                Message[] messages = inbox.search(new FlagTerm(new Flags(Flags.Flag.DELETED), false));
                for (Message m : messages) {
                    Outcome outcome = handle(m);
                    switch (outcome.kind) {
                        case RECORDED -> {
                            move(inbox, m, processed, canMove, canExpungeOne);
                            recorded++;
                        }
                        case FAILED -> {
                            putAside(inbox, m, outcome.raw, outcome.reason, failed, canMove, canExpungeOne);
                            failures++;
                        }
                        case DEFERRED -> deferred++;
                    }
                }
            } finally {
                inbox.close(false);
            }
            return new Poll(recorded, failures, deferred);
        } finally {
            store.close();
        }
    }

    private enum Kind { RECORDED, FAILED, DEFERRED }

    private record Outcome(Kind kind, byte[] raw, String reason) {
    }

    private Outcome handle(Message m) throws MessagingException {
        if (m.getSize() > config.maxMessageBytes()) {
            metrics.message(SOURCE, "too_large");
            return new Outcome(Kind.FAILED, null, "larger than " + config.maxMessageBytes() + " bytes: not read");
        }
        byte[] raw;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(m.getSize(), 1024));
            m.writeTo(out);
            raw = out.toByteArray();
        } catch (IOException e) {
            throw new MessagingException("reading a message failed: " + e.getMessage(), e);
        }
        IntakeResult result;
        try {
            result = intake.record(raw, envelopeRecipient(m), SOURCE);
        } catch (LedgerStoreException e) {
            metrics.message(SOURCE, "failed");
            LOG.warn("the ledger cannot record now; the message stays in {} for the next poll: {}", config.folder(),
                    e.getMessage());
            return new Outcome(Kind.DEFERRED, raw, null);
        } catch (RuntimeException e) {
            metrics.message(SOURCE, "failed");
            LOG.warn("a message in {} could not be classified; put into {}", config.describe(), config.failedFolder(), e);
            return new Outcome(Kind.FAILED, raw, "could not be classified: " + e);
        }
        if (result.entries().isEmpty()) {
            return new Outcome(Kind.FAILED, raw, "not a bounce (" + result.kind().id() + "): nothing recorded");
        }
        if (result.unaddressedCount() == result.entries().size()) {
            return new Outcome(Kind.FAILED, raw, result.kind().id() + " that names no recipient (and no VERP"
                    + " address): nothing recorded");
        }
        return new Outcome(Kind.RECORDED, raw, null);
    }

    /** The original recipient a VERP bounce address in the delivery headers encodes, or null. */
    private EmailAddress envelopeRecipient(Message m) throws MessagingException {
        for (String header : new String[] {"Delivered-To", "X-Original-To", "To"}) {
            String[] values = m.getHeader(header);
            if (values == null) {
                continue;
            }
            for (String v : values) {
                String address = v.strip();
                int lt = address.lastIndexOf('<');
                int gt = address.lastIndexOf('>');
                if (lt >= 0 && gt > lt) {
                    address = address.substring(lt + 1, gt);
                }
                EmailAddress decoded = config.verp().decode(address);
                if (decoded != null) {
                    return decoded;
                }
            }
        }
        return null;
    }

    private void move(IMAPFolder from, Message m, Folder to, boolean canMove, boolean canExpungeOne)
            throws MessagingException {
        if (canMove) {
            from.moveMessages(new Message[] {m}, to);
            return;
        }
        from.copyMessages(new Message[] {m}, to);
        remove(from, m, canExpungeOne);
    }

    /** The message, with a header saying why, into the failed folder; then out of the folder read. */
    private void putAside(IMAPFolder from, Message m, byte[] raw, String reason, Folder failed, boolean canMove,
                          boolean canExpungeOne) throws MessagingException {
        LOG.info("a message in {} goes to {}: {}", config.describe(), config.failedFolder(), reason);
        if (raw == null) {
            move(from, m, failed, canMove, canExpungeOne);
            return;
        }
        byte[] header = (FAILURE_HEADER + ": " + reason.replaceAll("[\\r\\n]+", " ") + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] annotated = new byte[header.length + raw.length];
        System.arraycopy(header, 0, annotated, 0, header.length);
        System.arraycopy(raw, 0, annotated, header.length, raw.length);
        failed.appendMessages(new Message[] {new MimeMessage(session, new ByteArrayInputStream(annotated))});
        remove(from, m, canExpungeOne);
    }

    /** Flags the message deleted and expunges it alone, when the server can (UIDPLUS); never the whole folder. */
    private static void remove(IMAPFolder from, Message m, boolean canExpungeOne) throws MessagingException {
        m.setFlag(Flags.Flag.DELETED, true);
        if (canExpungeOne) {
            from.expunge(new Message[] {m});
        }
    }

    private static Folder folder(Store store, String name) throws MessagingException {
        Folder f = store.getFolder(name);
        if (!f.exists() && !f.create(Folder.HOLDS_MESSAGES)) {
            throw new MessagingException("the folder " + name + " cannot be created");
        }
        return f;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdown();
            try {
                timer.awaitTermination(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
