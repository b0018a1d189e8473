package org.bounceclassifier.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EmailAddressTest {

    @Test
    void theDomainIsLowerCasedAndTheLocalPartKeptAsWritten() {
        EmailAddress a = EmailAddress.parse("  <Taro.Yamada@Example.CO.JP.>  ");
        assertEquals("Taro.Yamada@example.co.jp", a.value());
        assertEquals("example.co.jp", a.domain());
        assertEquals(a, EmailAddress.parse("Taro.Yamada@example.co.jp"));
        assertNotEquals(a, EmailAddress.parse("taro.yamada@example.co.jp"));
    }

    @Test
    void aQuotedLocalPartMayHoldAtSignsAndSpaces() {
        EmailAddress a = EmailAddress.parse("\"sales @ tokyo\"@Example.JP");
        assertEquals("\"sales @ tokyo\"@example.jp", a.value());
        assertEquals("example.jp", a.domain());
    }

    @Test
    void whatIsNotAnAddressIsRefusedWithAReason() {
        for (String bad : new String[] {"", "taro", "@example.jp", "taro@", "taro@exa mple.jp", "ta ro@example.jp",
            "ta\u0007ro@example.jp", "x".repeat(250) + "@example.jp"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmailAddress.parse(bad),
                    bad);
            assertEquals(true, e.getMessage().contains("not an e-mail address"), e.getMessage());
        }
    }
}
