package org.bounceclassifier.mail.layout;

import java.util.List;
import org.bounceclassifier.mail.MailView;

/**
 * Postfix's bounce and delay notices: "This is the mail system at host ..." (older versions:
 * "This is the Postfix program at host ..."), then one block per recipient starting with
 * {@code <address>:} and the remote server's reply, continued on indented lines. Postfix usually
 * adds a delivery-status part too; this reads the notices that arrive without one.
 */
public final class PostfixLayout implements BounceLayout {
    private static final String[] MARKERS = {"this is the mail system at host", "this is the postfix program at host"};
    /** The banner of a delay notice; the rules read it as a delay. */
    static final String DELAY_BANNER = "this is a warning only";

    @Override
    public String name() {
        return "postfix";
    }

    @Override
    public boolean recognizes(MailView mail) {
        return TextScan.containsAny(mail.textLower(), MARKERS);
    }

    @Override
    public List<Finding> findings(MailView mail) {
        return read(mail.text());
    }

    /** Postfix's recipient blocks, with the delay banner as the lead of each when it is a delay notice. */
    static List<Finding> read(String text) {
        String lead = TextScan.paragraphContaining(text, DELAY_BANNER);
        return TextScan.angleBlocks(text).stream().map(f -> f.withNotice(lead)).toList();
    }
}
