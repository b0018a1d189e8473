package org.bounceclassifier.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The traffic sample hides local parts with a scan around each {@code @} (it runs for every
 * classification); it must hide exactly what the address pattern finds.
 */
class HideLocalPartsTest {

    @Test
    void examples() {
        assertEquals("550 5.1.1 <***@example.jp>: User unknown",
                AddressMask.hideLocalParts("550 5.1.1 <taro.yamada+news@example.jp>: User unknown"));
        assertEquals("***@例え.jp と ***@b-c.example.net.", AddressMask.hideLocalParts("山田@例え.jp と x'y@b-c.example.net."));
        assertEquals("no address @ here, a@ nor @b", AddressMask.hideLocalParts("no address @ here, a@ nor @b"));
        assertEquals("***@b@c", AddressMask.hideLocalParts("a@b@c"));
        assertEquals("***@𠀋.jp", AddressMask.hideLocalParts("𠀋@𠀋.jp"));
    }

    @Test
    void theScanHidesExactlyWhatThePatternFinds() {
        String[] pieces = {"a", "Z", "7", "あ", "漢", "٣", "𠀋", "😀", "@", "@", ".", ".", "-", " ", "<", ">", "'", "+",
            "_", "/", ":", "\n", "é"};
        Random random = new Random(18);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String s = text.toString();
            assertEquals(AddressMask.hideLocalPartsByPattern(s), AddressMask.hideLocalParts(s), "for: " + s);
        }
    }
}
