package org.bounceclassifier.intake;

import java.util.List;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.mail.MessageKind;

/**
 * What recording one message did.
 *
 * @param messageId the message's Message-ID, or null
 * @param entries one per recipient the message reports on
 */
public record IntakeResult(MessageKind kind, String messageId, List<Entry> entries) {
    public IntakeResult {
        entries = List.copyOf(entries);
    }

    /**
     * One recipient.
     *
     * @param recipient the address recorded, or as the notice wrote it when it is no address
     * @param recorded what the ledger did, or null when the recipient was no usable address
     */
    public record Entry(String recipient, Ledger.BounceRecorded recorded) {
    }

    public long recordedCount() {
        return entries.stream().filter(e -> e.recorded() != null && !e.recorded().recorded().duplicate()).count();
    }

    public long duplicateCount() {
        return entries.stream().filter(e -> e.recorded() != null && e.recorded().recorded().duplicate()).count();
    }

    public long unaddressedCount() {
        return entries.stream().filter(e -> e.recorded() == null).count();
    }

    /** One line for an SMTP reply or a log: {@code dsn: 1 recorded, 0 already recorded, 0 without an address}. */
    public String summary() {
        return kind.id() + ": " + recordedCount() + " recorded, " + duplicateCount() + " already recorded, "
                + unaddressedCount() + " without an address";
    }
}
