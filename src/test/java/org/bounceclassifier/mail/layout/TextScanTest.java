package org.bounceclassifier.mail.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TextScanTest {

    @Test
    void oneLineJoinsEveryRunOfWhitespaceIntoOneSpace() {
        assertEquals("550 5.1.1 user unknown", TextScan.oneLine("  550 5.1.1\r\n   user\tunknown \n"));
        assertEquals("already one line", TextScan.oneLine("already one line"));
        assertEquals("", TextScan.oneLine(null));
        assertEquals("", TextScan.oneLine(" \t\r\n"));
        assertEquals("宛先 不明", TextScan.oneLine("宛先\u000B\f不明"));
    }

    @Test
    void oneLineGivesWhatTheRegularExpressionGave() {
        // the characters of \s, a space that \s does not match (no-break), a control character
        // that trim() removes at the ends, and ordinary text
        String alphabet = " \t\n\u000B\f\r\u00a0\u0001ab宛";
        Random random = new Random(20261206);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            assertEquals(text.replaceAll("\\s+", " ").trim(), TextScan.oneLine(text), "'" + text + "'");
        }
    }
}
