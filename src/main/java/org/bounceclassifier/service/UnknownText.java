package org.bounceclassifier.service;

import java.time.Instant;

/**
 * One wording that ended in {@code unknown}, as the traffic screen lists it.
 *
 * @param text a sample of the diagnostic text, addresses masked, or null when the bounce had only codes
 * @param count how often it was seen (may include an overcount when the table was full, see {@link UnknownTexts})
 * @param guaranteed how often it was seen at least
 * @param rulesVersion the rule set that last answered {@code unknown} to it
 */
public record UnknownText(String text, Integer smtpCode, String enhancedStatus, long count, long guaranteed,
                          Instant firstSeen, Instant lastSeen, String rulesVersion) {
}
