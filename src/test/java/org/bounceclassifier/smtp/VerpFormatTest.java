package org.bounceclassifier.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerpFormatTest {
    @Test
    void theUsualFormDecodesTheOriginalRecipient() {
        VerpFormat verp = VerpFormat.parse(VerpFormat.DEFAULT);
        assertEquals("taro@example.jp", verp.decode("bounces+taro=example.jp@bounce.example.com").value());
        assertEquals("taro.yamada+news@mail.example.co.jp",
                verp.decode("Bounces+taro.yamada+news=mail.example.co.jp@bounce.example.com").value(),
                "a + in the local part is kept; the prefix matches in any case");
        assertNull(verp.decode("bounces@bounce.example.com"), "a plain bounce address encodes no one");
        assertNull(verp.decode("bounces+4f2a91@bounce.example.com"), "an opaque token encodes no one");
        assertNull(verp.decode("other+taro=example.jp@bounce.example.com"));
    }

    @Test
    void otherFormsAreConfigured() {
        assertEquals("hanako@example.net", VerpFormat.parse("{domain}-{local}-bounce@")
                .decode("example.net-hanako-bounce@b.example.com").value());
        assertEquals("hanako@example.net", VerpFormat.parse("rt-{local}={domain}")
                .decode("rt-hanako=example.net@b.example.com").value());
    }

    @Test
    void aFormatThatCannotBeReadIsRefusedWithWhatToFix() {
        for (String bad : List.of("bounces+{local}@", "bounces@bounce.example.com", "{local}{domain}",
                "bounces+{local}={domain}={local}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VerpFormat.parse(bad));
            assertTrue(e.getMessage().contains(VerpFormat.DEFAULT), e.getMessage());
        }
    }
}
