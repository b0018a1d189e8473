package org.bounceclassifier.mail.layout;

import java.util.List;

/**
 * Bounces from the mail servers of au by KDDI (ezweb.ne.jp, au.com, UQ mobile) and of its ISP au one
 * net (dion.ne.jp, auone-net.jp): a {@link CarrierLayout}.
 */
public final class AuLayout extends CarrierLayout {
    public AuLayout() {
        super("au", List.of("ezweb.ne.jp", "au.com", "uqmobile.jp", "dion.ne.jp", "auone-net.jp"));
    }
}
