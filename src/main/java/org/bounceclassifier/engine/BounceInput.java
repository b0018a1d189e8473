package org.bounceclassifier.engine;

/**
 * The facts of one failed delivery as a caller states them, already checked for shape.
 *
 * <p>Every field may be null. {@code consecutiveSoftBounces} is the recipient's recent history as
 * the caller knows it (0 when unknown).
 */
public record BounceInput(
        Integer smtpCode,
        String enhancedStatus,
        String diagnostic,
        String recipient,
        String sender,
        String remoteMta,
        String dsnAction,
        int consecutiveSoftBounces) {

    public static BounceInput ofDiagnostic(String diagnostic) {
        return new BounceInput(null, null, diagnostic, null, null, null, null, 0);
    }

    public boolean hasEvidence() {
        return smtpCode != null || enhancedStatus != null || (diagnostic != null && !diagnostic.isBlank());
    }
}
