package org.bounceclassifier.mail.layout;

import java.util.List;
import org.bounceclassifier.mail.MailView;

/**
 * Yahoo Mail's and AOL's notices ("Failure Notice" from MAILER-DAEMON at yahoo.com or aol.com):
 * "Sorry, we were unable to deliver your message to the following address.", a block per address
 * starting with {@code <address>:} and the remote server's reply after "Remote host said:", and
 * the returned message inline after "--- Below this line is a copy of the message.".
 */
public final class YahooLayout implements BounceLayout {
    private static final List<String> DOMAINS = List.of("yahoo.com", "yahoo-inc.com", "yahoodns.net", "ymail.com",
            "rocketmail.com", "aol.com", "aim.com", "verizonmedia.com");
    private static final String[] MARKERS = {"unable to deliver your message to the following address",
            "unable to deliver message to the following address"};
    private static final String[] COPY_MARKERS = {"--- below this line is a copy of the message"};

    @Override
    public String name() {
        return "yahoo";
    }

    @Override
    public int order() {
        return ORDER_PROVIDER;
    }

    @Override
    public boolean recognizes(MailView mail) {
        return (Signs.fromDomainIn(mail, DOMAINS) || Signs.receivedThrough(mail, DOMAINS))
                && TextScan.containsAny(mail.textLower(), MARKERS);
    }

    @Override
    public List<Finding> findings(MailView mail) {
        return TextScan.angleBlocks(TextScan.cutAt(mail.text(), COPY_MARKERS));
    }
}
