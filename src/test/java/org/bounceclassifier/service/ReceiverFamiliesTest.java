package org.bounceclassifier.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ReceiverFamiliesTest {
    private final ReceiverFamilies families = ReceiverFamilies.bundled();

    @Test
    void theRecipientDomainNamesTheFamilyWhenNoRemoteMtaIsGiven() {
        assertEquals("gmail", families.familyOf(null, "gmail.com"));
        assertEquals("microsoft", families.familyOf(null, "hotmail.co.jp"));
        assertEquals("yahoo", families.familyOf(null, "aol.com"));
        assertEquals("yahoo_japan", families.familyOf(null, "yahoo.co.jp"));
        assertEquals("docomo", families.familyOf(null, "docomo.ne.jp"));
        assertEquals("au", families.familyOf(null, "ezweb.ne.jp"));
        assertEquals("au", families.familyOf(null, "biz.ezweb.ne.jp"));
        assertEquals("softbank", families.familyOf(null, "i.softbank.jp"));
        assertEquals("softbank", families.familyOf(null, "t.vodafone.ne.jp"));
        assertEquals("gmx", families.familyOf(null, "web.de"));
        assertEquals("france", families.familyOf(null, "wanadoo.fr"));
        assertEquals("russia", families.familyOf(null, "yandex.ru"));
        assertEquals("china", families.familyOf(null, "163.com"));
        assertEquals(ReceiverFamilies.OTHER, families.familyOf(null, "example.jp"));
    }

    @Test
    void theRemoteMtaNamesTheFamilyOfACompanyDomainHostedByAProvider() {
        // a company on Google Workspace or Office 365: its MX says who answers
        assertEquals("gmail", families.familyOf("dns; aspmx.l.google.com", "example.co.jp"));
        assertEquals("microsoft", families.familyOf("example-jp.mail.protection.outlook.com", "example.jp"));
        assertEquals("yahoo", families.familyOf("mta7.am0.yahoodns.net [67.195.204.72]", "yahoo.com"));
        // an MTA no family lists: the recipient's domain decides
        assertEquals("docomo", families.familyOf("dns; mx.example.net", "docomo.ne.jp"));
        // an address only: no host name in it
        assertEquals("gmail", families.familyOf("[192.0.2.7]", "gmail.com"));
    }

    @Test
    void aSuffixMatchesWholeLabelsOnly() {
        assertEquals(ReceiverFamilies.OTHER, families.familyOf(null, "notgmail.com"));
        assertEquals(ReceiverFamilies.OTHER, families.familyOf("mx.notgoogle.com", "example.jp"));
    }

    @Test
    void nothingToGoByIsNoFamily() {
        assertNull(families.familyOf(null, null));
        assertNull(families.familyOf("", " "));
    }

    @Test
    void theBundledSpikeRuleReadsAsDocumented() {
        SpikeRule rule = families.spikeRule();
        assertEquals(2, rule.recentHours());
        assertEquals(24, rule.baselineHours());
        assertEquals(20, rule.minimum());
        assertEquals(0.3, rule.rise());
        assertTrue(rule.counts("rate_limited"));
        assertTrue(!rule.counts("bad_mailbox"));
    }

    @Test
    void aWrongFileIsRefusedSayingWhatToFix() {
        String spike = "spike.categories = rate_limited\nspike.recentHours = 2\nspike.baselineHours = 24\n"
                + "spike.minimum = 20\nspike.rise = 0.3\n";
        assertEquals("family 'acme' needs acme.name and acme.suffixes",
                refused("families = acme\nacme.suffixes = acme.example\n" + spike));
        assertEquals("suffix 'b.example' is listed for both a and b",
                refused("families = a, b\na.name = A\na.suffixes = b.example\nb.name = B\nb.suffixes = B.example\n" + spike));
        assertEquals("unknown key 'c.name' (a family not in 'families'?)",
                refused("families = a\na.name = A\na.suffixes = a.example\nc.name = C\n" + spike));
        assertEquals("spike.categories names 'blocked', which is not a category (GET /v1/categories lists them)",
                refused("families = a\na.name = A\na.suffixes = a.example\n" + spike.replace("rate_limited", "blocked")));
        assertEquals("spike.rise must be a number from 0.0 to 1.0, not 'lots'",
                refused("families = a\na.name = A\na.suffixes = a.example\n" + spike.replace("0.3", "lots")));
    }

    private static String refused(String file) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReceiverFamilies.parse(new StringReader(file), "test.properties"));
        assertTrue(e.getMessage().startsWith("test.properties: "), e.getMessage());
        return e.getMessage().substring("test.properties: ".length());
    }

    @Test
    void anEditedFileIsWhatCounts() throws IOException {
        ReceiverFamilies edited = ReceiverFamilies.parse(new StringReader("families = nifty\n"
                + "nifty.name = @nifty\nnifty.suffixes = nifty.com\n"
                + "spike.categories = rate_limited\nspike.recentHours = 1\nspike.baselineHours = 6\n"
                + "spike.minimum = 5\nspike.rise = 0.5\n"), "edited");
        assertEquals("nifty", edited.familyOf(null, "nifty.com"));
        assertEquals(ReceiverFamilies.OTHER, edited.familyOf(null, "gmail.com"));
        assertEquals("@nifty", edited.nameOf("nifty"));
        assertEquals(5, edited.spikeRule().minimum());
    }
}
