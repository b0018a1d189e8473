package org.bounceclassifier.mail.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bounceclassifier.mail.MailView;

/**
 * HCL (formerly IBM Lotus) Domino's delivery failure reports: "Your message ... was not
 * delivered to:" with the addresses, then "because:" with the reason, shared by every address
 * listed; the subject repeats it ("DELIVERY FAILURE: ..."). Japanese servers write the same
 * report in Japanese ("次の宛先に配信されませんでした" ... "理由:").
 */
public final class DominoLayout implements BounceLayout {
    private static final String[] RECIPIENTS_MARKERS = {"was not delivered to:", "に配信されませんでした"};
    private static final String[] REASON_MARKERS = {"because:", "理由:", "理由："};
    private static final String[] SUBJECT_MARKERS = {"delivery failure:", "delivery_failure:", "delivery failure report",
            "配信不能:", "配信エラー:"};

    @Override
    public String name() {
        return "domino";
    }

    @Override
    public boolean recognizes(MailView mail) {
        String mailer = mail.header("X-Mailer");
        boolean domino = mailer != null && mailer.toLowerCase(Locale.ROOT).contains("domino");
        boolean shape = TextScan.containsAny(mail.textLower(), RECIPIENTS_MARKERS)
                && TextScan.containsAny(mail.textLower(), REASON_MARKERS);
        return shape || (domino || TextScan.containsAny(mail.subjectLower(), SUBJECT_MARKERS)) && Signs.looksLikeBounce(mail);
    }

    @Override
    public List<Finding> findings(MailView mail) {
        List<String> lines = TextScan.lines(mail.text());
        int recipients = TextScan.indexOfLine(lines, 0, RECIPIENTS_MARKERS);
        int because = TextScan.indexOfLine(lines, Math.max(recipients, 0), REASON_MARKERS);
        List<String> addresses = new ArrayList<>();
        if (recipients >= 0) {
            int end = because > recipients ? because : lines.size();
            for (int i = recipients + 1; i < end; i++) {
                addresses.addAll(TextScan.addresses(lines.get(i)));
            }
        }
        String reason = because < 0 ? subjectReason(mail) : reasonAfter(lines, because);
        List<Finding> out = new ArrayList<>();
        for (String address : addresses.stream().distinct().toList()) {
            out.add(new Finding(address, reason, null));
        }
        return out;
    }

    /** The reason's paragraph: the text on the "because:" line and the lines after it up to a blank line after text. */
    private static String reasonAfter(List<String> lines, int because) {
        String first = lines.get(because);
        int colon = Math.max(first.indexOf(':'), first.indexOf('：'));
        StringBuilder reason = new StringBuilder(colon >= 0 ? first.substring(colon + 1) : "");
        for (int i = because + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                if (!reason.toString().isBlank()) {
                    break;
                }
            } else {
                reason.append(' ').append(line.strip());
            }
        }
        return TextScan.oneLine(reason.toString());
    }

    private static String subjectReason(MailView mail) {
        String subject = mail.subject();
        int colon = subject.indexOf(':');
        return colon < 0 ? subject : subject.substring(colon + 1).strip();
    }
}
