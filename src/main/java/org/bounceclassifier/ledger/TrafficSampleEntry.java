package org.bounceclassifier.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One distinct input of the traffic sample: what the rules were given (addresses masked, only the
 * receiving domain kept), how many bounces brought it, and when.
 *
 * @param softBounces the recipient's run of soft bounces the rules were given with it
 * @param count how many bounces brought this input (in a delta to add: how many since the last write)
 */
public record TrafficSampleEntry(Integer smtpCode, String enhancedStatus, String diagnostic, String recipientDomain,
                                 String remoteMta, String dsnAction, int softBounces, long count, Instant firstSeen,
                                 Instant lastSeen) {

    /** The identity of the input (every field but the counts and times): the table's key. */
    public String key() {
        String joined = smtpCode + "\u0000" + enhancedStatus + "\u0000" + diagnostic + "\u0000" + recipientDomain
                + "\u0000" + remoteMta + "\u0000" + dsnAction + "\u0000" + softBounces;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The same input counted {@code more} more times, last seen at {@code at}. */
    public TrafficSampleEntry plus(long more, Instant at) {
        return new TrafficSampleEntry(smtpCode, enhancedStatus, diagnostic, recipientDomain, remoteMta, dsnAction,
                softBounces, count + more, firstSeen.isBefore(at) ? firstSeen : at,
                lastSeen.isAfter(at) ? lastSeen : at);
    }
}
