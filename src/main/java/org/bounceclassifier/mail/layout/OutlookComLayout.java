package org.bounceclassifier.mail.layout;

import java.util.List;
import org.bounceclassifier.mail.MailView;

/**
 * Outlook.com's (and Hotmail's, Live's, MSN's) non-delivery reports. Their text is Microsoft's
 * ({@link MicrosoftNdr}), including the older Hotmail form "Delivery to the following recipients
 * failed."; they are told apart from a company's Exchange by the consumer domains they come from.
 */
public final class OutlookComLayout implements BounceLayout {
    private static final List<String> DOMAINS = List.of("outlook.com", "hotmail.com", "live.com", "msn.com",
            "outlook.jp", "hotmail.co.jp", "live.jp");

    @Override
    public String name() {
        return "outlookcom";
    }

    @Override
    public int order() {
        return ORDER_PROVIDER;
    }

    @Override
    public boolean recognizes(MailView mail) {
        return Signs.fromMailSystem(mail) && Signs.fromDomainIn(mail, DOMAINS)
                && (TextScan.containsAny(mail.textLower(), MicrosoftNdr.MARKERS)
                    || mail.textLower().contains("delivery to the following recipients failed"));
    }

    @Override
    public List<Finding> findings(MailView mail) {
        return MicrosoftNdr.read(mail.text());
    }
}
