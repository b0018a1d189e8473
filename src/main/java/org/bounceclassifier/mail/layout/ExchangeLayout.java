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
        if (mail.headers().has("X-MS-Exchange-Message-Is-Ndr")) {
            return true;
        }
        boolean exchangeText = mail.headers().has("X-MS-Exchange-Organization-SCL")
                || TextScan.containsAny(mail.textLower(), MicrosoftNdr.MARKERS);
        return exchangeText && Signs.looksLikeBounce(mail);
    }

    @Override
    public List<Finding> findings(MailView mail) {
        return MicrosoftNdr.read(mail.text());
    }
}
