package org.bounceclassifier.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvidenceTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "550 5.1.1 <a@example.jp>: Recipient address rejected: User unknown | 550 | 5.1.1",
        "550-5.1.1 The email account that you tried to reach does not exist. | 550 | 5.1.1",
        "smtp; 552 5.2.2 Mailbox full | 552 | 5.2.2",
        "host mx.example.net[192.0.2.25] said: 450 4.7.1 Client host rejected | 450 | 4.7.1",
        "Remote server returned '554 5.4.14 Hop count exceeded' | 554 | 5.4.14",
        "connect to mx.example.net[192.0.2.1]:25: Connection timed out | 0 | ",
        "#5.1.10 SMTP; 550 5.1.10 RESOLVER.ADR.RecipientNotFound | 550 | 5.1.10",
    })
    void findsCodesInTheText(String diagnostic, int code, String status) {
        Evidence e = Evidence.from(BounceInput.ofDiagnostic(diagnostic));
        assertEquals(code, e.getSmtpCode());
        assertEquals(status, e.getEnhancedStatus());
    }

    @Test
    void anIpAddressIsNotAnEnhancedStatus() {
        Evidence e = Evidence.from(BounceInput.ofDiagnostic("refused by 5.6.7.8 for policy reasons"));
        assertNull(e.getEnhancedStatus());
        assertEquals(-1, e.getStatusClass());
    }

    @Test
    void givenCodesWinOverTheText() {
        Evidence e = Evidence.from(new BounceInput(421, "4.3.2", "550 5.1.1 user unknown", null, null, null, null, 0));
        assertEquals(421, e.getSmtpCode());
        assertEquals("4.3.2", e.getEnhancedStatus());
        assertEquals(4, e.getStatusClass());
        assertEquals(3, e.getStatusSubject());
        assertEquals(2, e.getStatusDetail());
    }

    @Test
    void normalizesWidthCaseAndWhitespace() {
        assertEquals("user unknown (ユーザ不明)", Evidence.normalize("  USER\t\n Unknown　（ユーザ不明）"));
        assertEquals("", Evidence.normalize(null));
    }

    @Test
    void splitsDomainsAndLowersThem() {
        Evidence e = Evidence.from(new BounceInput(550, null, null, "Taro@Example.JP", "<news@Shop.Example>",
                "MX1.Example.JP", " Failed ", 3));
        assertEquals("example.jp", e.getRecipientDomain());
        assertEquals("shop.example", e.getSenderDomain());
        assertEquals("mx1.example.jp", e.getRemoteMta());
        assertEquals("failed", e.getDsnAction());
        assertEquals(3, e.getConsecutiveSoftBounces());
        assertFalse(Evidence.from(BounceInput.ofDiagnostic("x")).hasSmtpCode());
    }

    /** The fast path (ASCII, whitespace folded by hand) gives what NFKC, lower case and \\s+ give. */
    @Test
    void normalizingAgreesWithItsDefinitionOnRandomText() {
        String alphabet = "aZ5 \t\n\r\u000B\f.:;<>@ＡＢ１　ｱｶｯ－宛先不明\u00A0\u2028\u0000\u001Fé";
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = b.toString();
            String expected = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKC)
                    .toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ").trim();
            assertEquals(expected, Evidence.normalize(s), "for \"" + s + "\"");
        }
    }
}
