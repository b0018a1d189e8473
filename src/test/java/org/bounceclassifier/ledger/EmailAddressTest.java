package org.bounceclassifier.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EmailAddressTest {

    @Test
    void theDomainIsLowerCasedAndTheLocalPartKeptAsWrittenUntilTheLedgerKeysIt() {
        EmailAddress a = EmailAddress.parse("  <Taro.Yamada@Example.CO.JP.>  ");
        assertEquals("Taro.Yamada@example.co.jp", a.value());
        assertEquals("example.co.jp", a.domain());
        assertEquals(a, EmailAddress.parse("Taro.Yamada@example.co.jp"));
        assertNotEquals(a, EmailAddress.parse("taro.yamada@example.co.jp"));
        assertEquals(EmailAddress.parse("taro.yamada@example.co.jp"), a.inCase(AddressCase.INSENSITIVE));
        assertEquals(a, a.inCase(AddressCase.EXACT));
    }

    @Test
    void aUnicodeDomainIsItsALabelAndTextIsNfc() {
        EmailAddress unicode = EmailAddress.parse("taro@例え.jp");
        assertEquals("taro@xn--r8jz45g.jp", unicode.value());
        assertEquals("xn--r8jz45g.jp", unicode.domain());
        assertEquals(unicode, EmailAddress.parse("taro@XN--R8JZ45G.JP"));
        assertEquals(unicode, EmailAddress.parse("taro@例え。jp"), "an ideographic full stop separates labels too");
        // e + combining acute (NFD) and the precomposed é (NFC) are one spelling
        assertEquals(EmailAddress.parse("rene\u0301@caf\u0065\u0301.fr"), EmailAddress.parse("ren\u00e9@caf\u00e9.fr"));
        assertEquals("ren\u00e9@xn--caf-dma.fr", EmailAddress.parse("rene\u0301@cafe\u0301.fr").value());
        assertEquals("ÉLODIE@x.fr".toLowerCase(java.util.Locale.ROOT),
                EmailAddress.parse("ÉLODIE@x.fr").inCase(AddressCase.INSENSITIVE).value());
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
            "ta\u0007ro@example.jp", "x".repeat(250) + "@example.jp", "taro@" + "a".repeat(64) + ".jp",
            "taro@example..jp"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmailAddress.parse(bad),
                    bad);
            assertEquals(true, e.getMessage().contains("not an e-mail address"), e.getMessage());
        }
    }
}
