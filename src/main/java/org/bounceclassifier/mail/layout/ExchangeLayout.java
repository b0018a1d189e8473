package org.bounceclassifier.mail.layout;

import java.util.List;
import org.bounceclassifier.mail.MailView;

/**
 * Non-delivery reports of Microsoft Exchange Server (2003 to Subscription Edition) and Microsoft
 * 365: see {@link MicrosoftNdr} for the text. Recognized by that text or by Exchange's own
 * headers on the report.
 */
public final class ExchangeLayout implements BounceLayout {
    @Override
    public String name() {
        return "exchange";
    }

    @Override
    public boolean recognizes(MailView mail) {
        boolean exchangeHeaders = mail.headers().has("X-MS-Exchange-Message-Is-Ndr")
                || mail.headers().has("X-MS-Exchange-Organization-SCL") && Signs.looksLikeBounce(mail);
        return exchangeHeaders || TextScan.containsAny(mail.textLower(), MicrosoftNdr.MARKERS) && Signs.looksLikeBounce(mail);
    }

    @Override
    public List<Finding> findings(MailView mail) {
        return MicrosoftNdr.read(mail.text());
    }
}
