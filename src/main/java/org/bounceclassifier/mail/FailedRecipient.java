package org.bounceclassifier.mail;

import org.bounceclassifier.engine.BounceInput;

/**
 * One recipient a message reports on, with the evidence found for it.
 *
 * @param input the evidence as the rules take it; {@code input.recipient()} is the address (null
 *     when a notice names no recipient that could be found)
 * @param reportingMta the server that wrote the report, when it says so
 */
public record FailedRecipient(BounceInput input, String reportingMta) {
    public String recipient() {
        return input.recipient();
    }
}
