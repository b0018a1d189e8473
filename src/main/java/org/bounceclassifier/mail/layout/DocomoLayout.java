package org.bounceclassifier.mail.layout;

import java.util.List;
import org.bounceclassifier.mail.MailView;

/**
 * Bounces from the mail servers of NTT docomo (docomo.ne.jp, mopera.net): recognized by the carrier's domains in the
 * notice's sender or its Received path, read as {@link CarrierNotice} describes.
 */
public final class DocomoLayout implements BounceLayout {
    private static final List<String> DOMAINS = List.of("docomo.ne.jp", "mopera.net");

    @Override
    public String name() {
        return "docomo";
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
