package org.bounceclassifier.mail;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the bytes of a text part or header into text, the way Japanese mail needs it.
 *
 * <p>The declared charset is trusted when the bytes fit it. Japanese carriers and older servers
 * are known to get it wrong: Shift_JIS text labelled ISO-2022-JP (which is 7-bit, so any byte
 * over 0x7F proves the label wrong), 8-bit text with no charset or {@code us-ascii}, and ISO-2022-JP
 * with no label at all. Then the text is decoded with the first of UTF-8, EUC-JP and Shift_JIS
 * that accepts every byte; EUC-JP and Shift_JIS overlap, so when both accept the bytes the one that
 * yields more ordinary Japanese characters wins. Shift_JIS and ISO-2022-JP are read with
 * Microsoft's supersets (Windows-31J), which carriers' phones and Windows mail write.
 */
public final class TextDecoding {
    private static final Charset WINDOWS_31J = Charset.forName("windows-31j");
    private static final Charset EUC_JP = Charset.forName("EUC-JP");
    private static final Charset ISO_2022_JP = windowsIso2022JpOr(Charset.forName("ISO-2022-JP"));

    /** Labels that name Shift_JIS or ISO-2022-JP, read with their Microsoft supersets. */
    private static final Map<String, Charset> SUPERSETS = Map.of(
            "shift_jis", WINDOWS_31J, "shift-jis", WINDOWS_31J, "sjis", WINDOWS_31J, "x-sjis", WINDOWS_31J,
            "ms_kanji", WINDOWS_31J, "csshiftjis", WINDOWS_31J, "iso-2022-jp", ISO_2022_JP,
            "csiso2022jp", ISO_2022_JP);

    /** The same supersets for RFC 2047 encoded words in headers. */
    static final Map<Charset, Charset> ENCODED_WORD_OVERRIDES = Map.of(
            Charset.forName("Shift_JIS"), WINDOWS_31J, Charset.forName("ISO-2022-JP"), ISO_2022_JP);

    /**
     * Labels already looked up: Java's lookup of a charset name outside the standard set walks its
     * providers and builds a sorted map each time, which was a twelfth of the time to read a bounce.
     */
    private static final Map<String, Optional<Charset>> LOOKED_UP = new ConcurrentHashMap<>();
    private static final int MAX_LOOKED_UP = 256;
    /** Used when the label is missing or wrong: the first that accepts every byte, see the class comment. */
    private static final List<Charset> GUESSES = List.of(StandardCharsets.UTF_8, EUC_JP, WINDOWS_31J);

    private static final byte ESC = 0x1b;

    private TextDecoding() {
    }

    /**
     * @param declared the charset the part names (null when it names none)
     */
    public static String decode(byte[] bytes, String declared) {
        Charset charset = lookup(declared);
        boolean eightBit = hasEightBitBytes(bytes);
        if (charset == null || isSevenBit(charset)) {
            if (eightBit) {
                return guess(bytes);
            }
            if (looksLikeIso2022Jp(bytes)) {
                return new String(bytes, ISO_2022_JP);
            }
            return new String(bytes, charset == null ? StandardCharsets.US_ASCII : charset);
        }
        String strict = strictDecode(bytes, charset);
        if (strict != null) {
            return strict;
        }
        // the bytes do not fit the label: a wrong label is likelier than a broken text
        return eightBit ? guess(bytes) : new String(bytes, charset);
    }

    /** Java's charset for a MIME label, with the Japanese supersets; null when unknown or absent. */
    public static Charset lookup(String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        String name = label.trim().toLowerCase(Locale.ROOT);
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
            name = name.substring(1, name.length() - 1);
        }
        Charset superset = SUPERSETS.get(name);
        if (superset != null) {
            return superset;
        }
        Optional<Charset> known = LOOKED_UP.get(name);
        if (known != null) {
            return known.orElse(null);
        }
        Charset found;
        try {
            found = Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalArgumentException e) {
            found = null;
        }
        // labels come from the mail, so the cache is bounded: past it, unusual labels are looked up each time
        if (LOOKED_UP.size() < MAX_LOOKED_UP) {
            LOOKED_UP.put(name, Optional.ofNullable(found));
        }
        return found;
    }

    private static String guess(byte[] bytes) {
        String best = null;
        int bestScore = Integer.MIN_VALUE;
        for (Charset candidate : GUESSES) {
            String text = strictDecode(bytes, candidate);
            if (text == null) {
                continue;
            }
            if (candidate == StandardCharsets.UTF_8) {
                // valid multi-byte UTF-8 is almost never an accident of another encoding
                return text;
            }
            int score = japaneseScore(text);
            if (score > bestScore) {
                best = text;
                bestScore = score;
            }
        }
        return best != null ? best : new String(bytes, WINDOWS_31J);
    }

    /**
     * Ordinary Japanese text is mostly kana, kanji and full-width punctuation; EUC-JP bytes read as
     * Shift_JIS turn into runs of half-width katakana, which real text rarely contains.
     */
    private static int japaneseScore(String text) {
        int score = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '\u3040' && c <= '\u30ff') || (c >= '\u4e00' && c <= '\u9fff') || (c >= '\u3000' && c <= '\u303f')) {
                score += 2;
            } else if (c >= '\uff61' && c <= '\uff9f') {
                score -= 1;
            }
        }
        return score;
    }

    private static String strictDecode(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isSevenBit(Charset charset) {
        return charset == StandardCharsets.US_ASCII || charset == ISO_2022_JP
                || charset.name().equalsIgnoreCase("ISO-2022-JP");
    }

    private static boolean hasEightBitBytes(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    /** An ISO-2022-JP escape into JIS X 0208 ({@code ESC $ B} or {@code ESC $ @}). */
    private static boolean looksLikeIso2022Jp(byte[] bytes) {
        for (int i = 0; i + 2 < bytes.length; i++) {
            if (bytes[i] == ESC && bytes[i + 1] == '$' && (bytes[i + 2] == 'B' || bytes[i + 2] == '@')) {
                return true;
            }
        }
        return false;
    }

    private static Charset windowsIso2022JpOr(Charset fallback) {
        // the Microsoft variant also decodes NEC and IBM extensions (circled digits and the like)
        return Charset.isSupported("x-windows-iso2022jp") ? Charset.forName("x-windows-iso2022jp") : fallback;
    }
}
