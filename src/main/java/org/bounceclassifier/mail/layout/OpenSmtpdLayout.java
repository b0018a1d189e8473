package org.bounceclassifier.mail.layout;

import java.util.List;
import org.bounceclassifier.mail.MailView;

/**
 * OpenSMTPD's notices: "This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.", then
 * "An error has occurred while attempting to deliver a message for the following list of
 * recipients:" (or, in a delay warning, "...has been delayed..."), one line per recipient in the
 * shape {@code address: reason} (the address bare, without angle brackets), and the returned
 * message after "Below is a copy of the original message:". Newer versions add a
 * delivery-status part whose recipient blocks have no Diagnostic-Code; this layout then gives the
 * reason.
 */
public final class OpenSmtpdLayout implements BounceLayout {
    private static final String[] MARKERS = {"this is the mailer-daemon, please do not reply to this",
            "an error has occurred while attempting to deliver a message for"};
    private static final String[] COPY_MARKERS = {"below is a copy of the original message"};
    private static final String[] DELAY_MARKERS = {"has been delayed", "delivery delayed", "will continue to try"};

    @Override
    public String name() {
        return "opensmtpd";
    }

    @Override
    public boolean recognizes(MailView mail) {
        return TextScan.containsAny(mail.textLower(), MARKERS);
    }

    @Override
    public List<Finding> findings(MailView mail) {
        String notice = TextScan.cutAt(mail.text(), COPY_MARKERS);
        String delay = null;
        for (String marker : DELAY_MARKERS) {
            delay = delay != null ? delay : TextScan.paragraphContaining(notice, marker);
        }
        String lead = delay;
        return TextScan.angleBlocks(notice).stream().map(f -> f.withNotice(lead)).toList();
    }
}
