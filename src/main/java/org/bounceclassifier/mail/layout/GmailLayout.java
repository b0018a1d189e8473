package org.bounceclassifier.mail.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bounceclassifier.mail.MailView;

/**
 * Gmail's and Google Workspace's notices, in both shapes Google has used:
 * <ul>
 *   <li>a banner such as {@code ** Address not found **} or {@code ** Delivery incomplete **}, a
 *       sentence naming the recipient, and the remote server's reply after "The response was:"
 *       (or "The response from the remote server was:");</li>
 *   <li>the older "Delivery to the following recipient failed permanently:" (or "has been
 *       delayed:") with the addresses indented under it, "Technical details of ... failure:", and
 *       the reply after "The error that the other server returned was:".</li>
 * </ul>
 * Google adds a delivery-status part nowadays; this reads the notices that arrive without one.
 */
public final class GmailLayout implements BounceLayout {
    private static final List<String> DOMAINS = List.of("googlemail.com", "google.com", "gmail.com");
    private static final Pattern BANNER = Pattern.compile("(?m)^\\s*\\*\\*\\s{0,4}([^*\\n]{3,80}?)\\s{0,4}\\*\\*\\s*$");
    private static final String[] RESPONSE_MARKERS = {"the response from the remote server was:", "the response was:",
            "the error that the other server returned was:"};
    private static final String[] OLD_LIST_MARKERS = {"delivery to the following recipient", "delivery to the following recipients"};
    /** Wordings only Google writes; the banner and the older list line also need the notice to come from Google. */
    private static final String[] MARKERS = {"google tried to deliver your message", "gmail will retry for"};
    private static final Pattern TECHNICAL_DETAILS = Pattern.compile(
            "technical details of (?:permanent|temporary) failure:", Pattern.CASE_INSENSITIVE);
    private static final Pattern REMOTE = Pattern.compile(
            "recipient domain \\S{1,253} by ([A-Za-z0-9.-]{1,253}?)\\.?\\s{0,4}\\[", Pattern.CASE_INSENSITIVE);

    @Override
    public String name() {
        return "gmail";
    }

    @Override
    public int order() {
        return ORDER_PROVIDER;
    }

    @Override
    public boolean recognizes(MailView mail) {
        boolean fromGoogle = Signs.fromMailSystem(mail) && Signs.fromDomainIn(mail, DOMAINS);
        return TextScan.containsAny(mail.textLower(), MARKERS) || fromGoogle
                && (BANNER.matcher(mail.text()).find() || TextScan.containsAny(mail.textLower(), OLD_LIST_MARKERS));
    }

    @Override
    public List<Finding> findings(MailView mail) {
        String text = mail.text();
        String response = response(text);
        Matcher remote = REMOTE.matcher(text);
        String remoteMta = remote.find() ? remote.group(1).toLowerCase(Locale.ROOT) : null;
        List<Finding> out = new ArrayList<>();
        List<String> lines = TextScan.lines(text);
        int list = TextScan.indexOfLine(lines, 0, OLD_LIST_MARKERS);
        if (list >= 0) {
            // the older shape: the addresses are indented under the list line
            String notice = TextScan.oneLine(lines.get(list));
            String retry = TextScan.paragraphContaining(text, "will be retried for");
            for (int i = list + 1; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() && i > list + 1 && !out.isEmpty()) {
                    break;
                }
                String address = TextScan.firstAddress(line);
                if (address != null && TextScan.indent(line) > 0) {
                    out.add(new Finding(address, response, remoteMta).withNotice(notice).withNotice(retry));
                }
            }
            return out;
        }
        Matcher banner = BANNER.matcher(text);
        if (banner.find()) {
            String after = text.substring(banner.end());
            String explanation = TextScan.paragraphs(after).stream().findFirst().map(TextScan::oneLine).orElse("");
            for (String address : TextScan.addresses(explanation)) {
                out.add(new Finding(address, response, remoteMta)
                        .withNotice(banner.group(1).strip()).withNotice(explanation));
            }
        }
        return out;
    }

    /**
     * The remote server's words: the first paragraph after the response marker; in the older
     * notices without one, Google's own explanation after "Technical details of ... failure:"
     * ("The recipient server did not accept our requests to connect", "Storage quota exceeded");
     * else "".
     */
    private static String response(String text) {
        for (String marker : RESPONSE_MARKERS) {
            String after = TextScan.after(text, marker);
            if (after != null) {
                List<String> paragraphs = TextScan.paragraphs(after);
                return paragraphs.isEmpty() ? "" : TextScan.oneLine(paragraphs.get(0));
            }
        }
        Matcher details = TECHNICAL_DETAILS.matcher(text);
        if (details.find()) {
            String after = TextScan.cutAt(text.substring(details.end()), "----- original message", "----- message header");
            List<String> paragraphs = TextScan.paragraphs(after);
            return paragraphs.isEmpty() ? "" : TextScan.oneLine(paragraphs.get(0));
        }
        return "";
    }
}
