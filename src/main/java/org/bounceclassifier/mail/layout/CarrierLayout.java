package org.bounceclassifier.mail.layout;

import java.util.List;
import org.bounceclassifier.mail.MailView;

/**
 * A Japanese mobile carrier's bounce notice: recognized by the carrier's domains in the notice's
 * sender or its Received path, read as {@link CarrierNotice} describes. The carriers differ only
 * in name and domains, so each one's layout is a subclass that names them.
 */
abstract class CarrierLayout implements BounceLayout {
    private final String name;
    private final List<String> domains;

    CarrierLayout(String name, List<String> domains) {
        this.name = name;
        this.domains = List.copyOf(domains);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int order() {
        return ORDER_CARRIER;
    }

    @Override
    public final boolean recognizes(MailView mail) {
        return CarrierNotice.fromCarrier(mail, domains);
    }

    @Override
    public final List<Finding> findings(MailView mail) {
        return CarrierNotice.read(mail, domains);
    }
}
