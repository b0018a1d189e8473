package org.bounceclassifier.mail.layout;

import java.util.List;
import org.bounceclassifier.mail.MailView;

/**
 * Bounces from the mail servers of au by KDDI (ezweb.ne.jp, au.com, UQ mobile): recognized by the carrier's domains in the
 * notice's sender or its Received path, read as {@link CarrierNotice} describes.
 */
public final class AuLayout implements BounceLayout {
    private static final List<String> DOMAINS = List.of("ezweb.ne.jp", "au.com", "uqmobile.jp");

    @Override
    public String name() {
        return "au";
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
