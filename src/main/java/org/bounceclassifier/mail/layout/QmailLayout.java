package org.bounceclassifier.mail.layout;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bounceclassifier.mail.MailView;

/**
 * qmail's notices: "Hi. This is the qmail-send program at ...", then one block per address
 * starting with {@code <address>:}, the remote server's words after "Remote host said:", and the
 * returned message inline after "--- Below this line is a copy of the message.".
 */
public final class QmailLayout implements BounceLayout {
    private static final String[] MARKERS = {"this is the qmail-send program at",
            "i'm afraid i wasn't able to deliver your message to the following addresses"};
    private static final String[] COPY_MARKERS = {"--- below this line is a copy of the message",
            "--- enclosed are the original headers of the message"};
    /** qmail names the remote server by address: "Giving up on 192.0.2.25." or "Connected to 192.0.2.25 but ...". */
    private static final Pattern REMOTE = Pattern.compile(
            "(?:giving up on|connected to)\\s{1,4}([0-9a-f.:]{3,45}[0-9a-f])", Pattern.CASE_INSENSITIVE);

    @Override
    public String name() {
        return "qmail";
    }

    @Override
    public boolean recognizes(MailView mail) {
        return TextScan.containsAny(mail.textLower(), MARKERS);
    }

    @Override
    public List<Finding> findings(MailView mail) {
        return TextScan.angleBlocks(TextScan.cutAt(mail.text(), COPY_MARKERS)).stream()
                .map(f -> new Finding(f.recipient(), f.diagnostic(), remote(f.diagnostic())))
                .toList();
    }

    private static String remote(String diagnostic) {
        Matcher m = REMOTE.matcher(diagnostic);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }
}
