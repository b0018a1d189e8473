package org.bounceclassifier.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Charsets as Japanese carriers and servers really label them, rightly and wrongly. */
class TextDecodingTest {
    private static final String JAPANESE = "宛先のメールアドレスは存在しません（①容量超過）";

    private static byte[] bytes(String text, String charset) {
        return text.getBytes(Charset.forName(charset));
    }

    @Test
    void trustsACorrectLabel() {
        assertEquals(JAPANESE, TextDecoding.decode(bytes(JAPANESE, "windows-31j"), "Shift_JIS"));
        assertEquals(JAPANESE, TextDecoding.decode(bytes(JAPANESE, "x-windows-iso2022jp"), "ISO-2022-JP"));
        assertEquals("宛先不明です", TextDecoding.decode(bytes("宛先不明です", "EUC-JP"), "euc-jp"));
        assertEquals(JAPANESE, TextDecoding.decode(JAPANESE.getBytes(StandardCharsets.UTF_8), "utf-8"));
    }

    @Test
    void readsShiftJisLabelledIso2022Jp() {
        // ISO-2022-JP is 7-bit: 8-bit bytes under that label are Shift_JIS written by a phone
        assertEquals(JAPANESE, TextDecoding.decode(bytes(JAPANESE, "windows-31j"), "ISO-2022-JP"));
    }

    @Test
    void guessesWhenTheLabelIsMissingOrAscii() {
        assertEquals(JAPANESE, TextDecoding.decode(bytes(JAPANESE, "windows-31j"), null));
        assertEquals("配信できませんでした", TextDecoding.decode(bytes("配信できませんでした", "EUC-JP"), "us-ascii"));
        assertEquals(JAPANESE, TextDecoding.decode(JAPANESE.getBytes(StandardCharsets.UTF_8), null));
        assertEquals("不在のお知らせ", TextDecoding.decode(bytes("不在のお知らせ", "ISO-2022-JP"), null));
    }

    @Test
    void readsAWrongLabelByTheBytes() {
        // UTF-8 text labelled Shift_JIS does not decode as Shift_JIS without errors
        assertEquals(JAPANESE, TextDecoding.decode(JAPANESE.getBytes(StandardCharsets.UTF_8), "Shift_JIS"));
        assertEquals(JAPANESE, TextDecoding.decode(bytes(JAPANESE, "windows-31j"), "utf-8"));
    }

    @Test
    void unknownLabelsFallBackToTheBytes() {
        assertEquals(JAPANESE, TextDecoding.decode(bytes(JAPANESE, "windows-31j"), "x-unknown-charset"));
        assertEquals("plain ascii", TextDecoding.decode("plain ascii".getBytes(StandardCharsets.US_ASCII), "bogus"));
        assertEquals("café", TextDecoding.decode("café".getBytes(StandardCharsets.ISO_8859_1), "iso-8859-1"));
    }
}
