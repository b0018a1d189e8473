package org.bounceclassifier.mail.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bounceclassifier.mail.MailView;

/**
 * Apache James's notices: "Error: ..." and "Error message below:" with the remote server's reply,
 * then "Message details:" listing the envelope ({@code MAIL FROM:}, {@code RCPT TO:} lines). The
 * recipients are the RCPT TO addresses; each gets the error and the reply.
 */
public final class ApacheJamesLayout implements BounceLayout {
    private static final String ERROR_BELOW = "error message below:";
    private static final String DETAILS = "message details:";
    private static final Pattern RCPT = Pattern.compile("(?mi)^\\s{0,8}rcpt to:\\s{0,8}(.{1,2000})$");

    @Override
    public String name() {
        return "apachejames";
    }

    @Override
    public boolean recognizes(MailView mail) {
        String text = mail.textLower();
        return text.contains(ERROR_BELOW) && text.contains(DETAILS) && RCPT.matcher(mail.text()).find();
    }

    @Override
    public List<Finding> findings(MailView mail) {
        String text = mail.text();
        String problem = TextScan.cutAt(text, DETAILS);
        String diagnostic = GenericLayout.prose(problem.replaceFirst("(?i)" + Pattern.quote(ERROR_BELOW), ""));
        List<Finding> out = new ArrayList<>();
        Matcher m = RCPT.matcher(TextScan.after(text, DETAILS));
        while (m.find()) {
            for (String address : TextScan.addresses(m.group(1))) {
                out.add(new Finding(address.toLowerCase(Locale.ROOT), diagnostic, TextScan.hostIn(text)));
            }
        }
        return out;
    }
}
