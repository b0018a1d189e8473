package org.bounceclassifier.engine;

/**
 * How much an evidence rule's proposal weighs when the decision step picks a winner.
 *
 * <p>The order encodes the service's main judgement: a text that names a cause beats an enhanced
 * status code, which beats a bare reply code. A reputation, spam or policy signal in the text beats
 * a text that only says "user unknown", because receivers that block a sender often word the
 * rejection as an unknown user, and a false hard bounce suppresses a real customer.
 */
public final class Strength {
    /** Only the class of the reply code is known (4xx or 5xx). */
    public static final int REPLY_CODE_CLASS = 10;
    /** A specific three-digit reply code such as 552. */
    public static final int REPLY_CODE = 20;
    /** Only the class of the enhanced status is meaningful (X.0.0, or a detail nobody registered). */
    public static final int STATUS_CLASS = 25;
    /** A registered enhanced status code (RFC 3463 and the IANA registry). */
    public static final int ENHANCED_STATUS = 30;
    /** A phrase in the diagnostic text that names the cause. */
    public static final int TEXT = 50;
    /** A receiver's exact wording, more specific than the generic phrase it contains. */
    public static final int TEXT_SPECIFIC = 60;
    /** A block, spam or policy signal in the text: it overrides what the text says about the mailbox. */
    public static final int TEXT_BLOCK_SIGNAL = 70;
    /** Facts about the delivery itself (a DSN that says "delayed"): nothing in the text overrides them. */
    public static final int DELIVERY_FACT = 90;

    private Strength() {
    }
}
