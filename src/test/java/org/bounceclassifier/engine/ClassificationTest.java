package org.bounceclassifier.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bounceclassifier.TestRules;
import org.junit.jupiter.api.Test;

/** The judgements the decision step must make, on the bundled rules. */
class ClassificationTest {
    private static Classification classify(Integer code, String status, String text) {
        return TestRules.bundled().classify(new BounceInput(code, status, text, null, null, null, null, 0), "en");
    }

    @Test
    void aDeadMailboxIsHardAndSuppressed() {
        Classification c = classify(550, "5.1.1", "550 5.1.1 <taro@example.jp>: Recipient address rejected: "
                + "User unknown in virtual mailbox table");
        assertEquals(Category.BAD_MAILBOX, c.category());
        assertEquals(BounceType.HARD, c.bounceType());
        assertEquals(Action.SUPPRESS, c.action());
        assertNull(c.retryAfterSeconds());
        assertTrue(c.matchedRules().size() >= 2, "text and status both explain it: " + c.matchedRuleNames());
        assertTrue(c.matchedRules().stream().allMatch(r -> r.file() != null));
    }

    @Test
    void aBlockWordedAsUnknownUserIsABlockNotADeadMailbox() {
        Classification c = classify(550, "5.1.1", "550 5.1.1 Service unavailable; Client host [192.0.2.10] "
                + "blocked using zen.spamhaus.org; user unknown");
        assertEquals(Category.REPUTATION_BLOCK, c.category());
        assertEquals(BounceType.SOFT, c.bounceType());
    }

    @Test
    void textThatNamesACauseBeatsTheBareCode() {
        Classification c = classify(550, "5.1.1", "550 5.1.1 Mailbox is full, quota exceeded");
        assertEquals(Category.MAILBOX_FULL, c.category());
        assertEquals(BounceType.SOFT, c.bounceType());
    }

    @Test
    void aFourHundredReplyIsNeverHard() {
        Classification c = classify(450, "4.1.1", "450 4.1.1 <taro@example.jp>: Recipient address rejected: "
                + "User unknown in local recipient table");
        assertEquals(BounceType.SOFT, c.bounceType());
    }

    @Test
    void nothingRecognizableIsUnknownNotAnError() {
        Classification c = classify(null, null, "zzz qqq");
        assertEquals(Category.UNKNOWN, c.category());
        assertEquals(BounceType.SOFT, c.bounceType());
        assertFalse(c.matchedRules().isEmpty());
    }

    @Test
    void textsComeInTheRequestedLanguage() {
        BounceInput in = new BounceInput(552, "5.2.2", "552 5.2.2 Mailbox full", null, null, null, null, 0);
        Classification en = TestRules.bundled().classify(in, "en");
        Classification ja = TestRules.bundled().classify(in, "ja");
        assertEquals(en.category(), ja.category());
        assertFalse(en.label().equals(ja.label()));
        assertTrue(ja.label().codePoints().anyMatch(cp -> cp > 0x3000), "Japanese label: " + ja.label());
    }
}
