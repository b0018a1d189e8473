package org.bounceclassifier.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bounceclassifier.engine.BounceInput;
import org.junit.jupiter.api.Test;

class BounceInputParserTest {

    @Test
    void readsEveryDocumentedField() throws InputException {
        BounceInput in = BounceInputParser.parse("""
                {"smtpCode": 550, "enhancedStatus": " 5.01.001 ", "diagnostic": "d", "recipient": "r@x",
                 "sender": "s@y", "remoteMta": "mx", "dsnAction": "failed",
                 "history": {"consecutiveSoftBounces": 4}, "ignored": [1, 2]}""");
        assertEquals(550, in.smtpCode());
        assertEquals("5.1.1", in.enhancedStatus());
        assertEquals("d", in.diagnostic());
        assertEquals("r@x", in.recipient());
        assertEquals("s@y", in.sender());
        assertEquals("mx", in.remoteMta());
        assertEquals("failed", in.dsnAction());
        assertEquals(4, in.consecutiveSoftBounces());
    }

    @Test
    void nullFieldsAreAbsentFields() throws InputException {
        BounceInput in = BounceInputParser.parse("{\"smtpCode\": null, \"enhancedStatus\": \"4.2.2\"}");
        assertNull(in.smtpCode());
        assertEquals(0, in.consecutiveSoftBounces());
    }

    @Test
    void messagesSayWhatToFix() {
        InputException e = assertThrows(InputException.class, () -> BounceInputParser.parse("{\"smtpCode\": 600}"));
        assertEquals("invalid_field", e.code());
        assertEquals("smtpCode must be between 200 and 599, got 600", e.getMessage());
        e = assertThrows(InputException.class, () -> BounceInputParser.parse("{\"enhancedStatus\": \"5.1.1.1\"}"));
        assertEquals("enhancedStatus must be class.subject.detail with class 2, 4 or 5, such as \"5.1.1\", got "
                + "\"5.1.1.1\"", e.getMessage());
        e = assertThrows(InputException.class, () -> BounceInputParser.parse("{\"history\": 3, \"smtpCode\": 550}"));
        assertEquals("invalid_field", e.code());
    }
}
