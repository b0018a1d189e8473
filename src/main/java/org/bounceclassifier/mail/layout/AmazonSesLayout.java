package org.bounceclassifier.mail.layout;

import java.util.ArrayList;
import java.util.List;
import org.bounceclassifier.mail.MailView;

/**
 * Amazon SES's notices to the return path (from MAILER-DAEMON at amazonses.com): "An error
 * occurred while trying to deliver the mail to the following recipients:" and the addresses, one
 * per line. SES puts the reason only in its delivery-status part; when that part is missing (a
 * forwarder kept only the text), the recipients are still found, and any reason lines that follow
 * an address are kept as its diagnostic.
 */
public final class AmazonSesLayout implements BounceLayout {
    private static final List<String> DOMAINS = List.of("amazonses.com");
    private static final String LIST_MARKER = "an error occurred while trying to deliver the mail to the following recipient";

    @Override
    public String name() {
        return "amazonses";
    }

    @Override
    public int order() {
        return ORDER_PROVIDER;
    }

    @Override
    public boolean recognizes(MailView mail) {
        return mail.textLower().contains(LIST_MARKER) || Signs.fromMailSystem(mail) && Signs.fromDomainIn(mail, DOMAINS);
    }

    @Override
    public List<Finding> findings(MailView mail) {
        List<String> lines = TextScan.lines(mail.text());
        int list = TextScan.indexOfLine(lines, 0, LIST_MARKER);
        List<Finding> out = new ArrayList<>();
        if (list < 0) {
            return out;
        }
        String address = null;
        StringBuilder reason = new StringBuilder();
        for (int i = list + 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String found = TextScan.firstAddress(line);
            if (found != null && line.replaceAll("[<>]", "").equalsIgnoreCase(found)) {
                add(out, address, reason);
                address = found;
                reason.setLength(0);
            } else if (line.isEmpty()) {
                if (address != null && !reason.isEmpty()) {
                    break;
                }
            } else if (address != null) {
                reason.append(' ').append(line);
            }
        }
        add(out, address, reason);
        return out;
    }

    private static void add(List<Finding> out, String address, StringBuilder reason) {
        if (address != null) {
            String diagnostic = TextScan.oneLine(reason.toString());
            out.add(new Finding(address, diagnostic, TextScan.hostIn(diagnostic)));
        }
    }
}
