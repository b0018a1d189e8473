package org.bounceclassifier.mail.layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bounceclassifier.mail.MailView;

/**
 * Oracle (Sun, iPlanet) Messaging Server and PMDF notices: "This report relates to a message you
 * sent with the following header fields:" (an echo of the header, not the failure), then "Your
 * message cannot be delivered to the following recipients:" and per recipient labelled lines:
 * {@code Recipient address:}, {@code Reason:}, {@code Diagnostic code:}. Their delivery-status
 * part often leaves the diagnostic out; the Reason line is the evidence.
 */
public final class MessagingServerLayout implements BounceLayout {
    private static final String[] MARKERS = {"this report relates to a message you sent with the following header fields",
            "your message cannot be delivered to the following recipients"};
    private static final Pattern RECIPIENT = Pattern.compile("(?i)^\\s{0,8}(?:original )?recipient address:\\s{0,8}(.*)$");
    private static final Pattern DETAIL = Pattern.compile("(?i)^\\s{0,8}(reason|diagnostic code|remote system):\\s{0,8}(.*)$");

    @Override
    public String name() {
        return "messagingserver";
    }

    @Override
    public boolean recognizes(MailView mail) {
        return TextScan.containsAny(mail.textLower(), MARKERS);
    }

    @Override
    public List<Finding> findings(MailView mail) {
        Map<String, StringBuilder> reasons = new LinkedHashMap<>();
        Map<String, String> remote = new LinkedHashMap<>();
        String current = null;
        for (String line : TextScan.lines(mail.text())) {
            Matcher r = RECIPIENT.matcher(line);
            Matcher d = DETAIL.matcher(line);
            if (r.matches()) {
                current = TextScan.firstAddress(r.group(1));
                if (current != null) {
                    reasons.putIfAbsent(current, new StringBuilder());
                }
            } else if (current != null && d.matches()) {
                String label = d.group(1).toLowerCase(Locale.ROOT);
                if (label.equals("remote system")) {
                    String host = d.group(2).replaceFirst("(?i)^dns;\\s*", "").split("[\\s(\\[]", 2)[0];
                    if (!host.isEmpty()) {
                        remote.putIfAbsent(current, host.toLowerCase(Locale.ROOT));
                    }
                } else if (label.equals("diagnostic code")) {
                    // the remote server's reply leads, so that its code is read first
                    reasons.get(current).insert(0, d.group(2).replaceFirst("(?i)^smtp;\\s*", "") + " ");
                } else {
                    reasons.get(current).append(' ').append(d.group(2));
                }
            } else if (line.isBlank()) {
                current = null;
            }
        }
        List<Finding> out = new ArrayList<>();
        reasons.forEach((address, reason) -> out.add(new Finding(address, TextScan.oneLine(reason.toString()),
                remote.get(address))));
        return out;
    }
}
