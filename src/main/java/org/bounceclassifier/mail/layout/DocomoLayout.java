package org.bounceclassifier.mail.layout;

import java.util.List;

/**
 * Bounces from the mail servers of NTT docomo (docomo.ne.jp, mopera.net): a {@link CarrierLayout}.
 */
public final class DocomoLayout extends CarrierLayout {
    public DocomoLayout() {
        super("docomo", List.of("docomo.ne.jp", "mopera.net"));
    }
}
