package org.bounceclassifier.mail.layout;

import java.util.List;
import org.bounceclassifier.mail.MailView;

/**
 * Bounces from the mail servers of SoftBank and Y!mobile (softbank.ne.jp, i.softbank.jp, disney.ne.jp, the old vodafone.ne.jp): recognized by the carrier's domains in the
 * notice's sender or its Received path, read as {@link CarrierNotice} describes.
 */
public final class SoftBankLayout implements BounceLayout {
    private static final List<String> DOMAINS = List.of("softbank.ne.jp", "softbank.jp", "disney.ne.jp", "vodafone.ne.jp", "ymobile.ne.jp");

    @Override
    public String name() {
        return "softbank";
    }

    @Override
    public int order() {
        return ORDER_CARRIER;
    }

    @Override
    public boolean recognizes(MailView mail) {
        return CarrierNotice.fromCarrier(mail, DOMAINS);
    }

    @Override
    public List<Finding> findings(MailView mail) {
        return CarrierNotice.read(mail, DOMAINS);
    }
}
