package org.bounceclassifier.mail.layout;

import java.util.List;

/**
 * Bounces from the mail servers of SoftBank and Y!mobile (softbank.ne.jp, i.softbank.jp, disney.ne.jp, the old vodafone.ne.jp): a {@link CarrierLayout}.
 */
public final class SoftBankLayout extends CarrierLayout {
    public SoftBankLayout() {
        super("softbank", List.of("softbank.ne.jp", "softbank.jp", "disney.ne.jp", "vodafone.ne.jp", "ymobile.ne.jp"));
    }
}
