package org.bounceclassifier.mail.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bounceclassifier.mail.MailView;

/**
 * Exim's notices, which carry no delivery-status part by default: "This message was created
 * automatically by mail delivery software.", then "The following address(es) failed:" (or, in a
 * delay warning, "The address to which the message has not yet been delivered is:"), each address
 * indented by two spaces and the reason on the more deeply indented lines under it. Exim also
 * names the failed addresses in an {@code X-Failed-Recipients} header.
 */
public final class EximLayout implements BounceLayout {
    private static final String MARKER = "this message was created automatically by mail delivery software";
    private static final String[] SECTION_STARTS = {"address(es) failed:", "addresses failed:", "address failed:",
            "not yet been delivered is:", "not yet been delivered are:"};
    private static final String[] SECTION_ENDS = {"------ this is a copy of the message", "------ the body of the message",
            "no action is required on your part", "included is a copy of the message header"};
    private static final String DELAY_MARKER = "has not yet been delivered to one or more of its";
    /**
     * An address line: the address alone, maybe in angle brackets, maybe with Exim's "(generated
     * from ...)", maybe with the reason after a colon on the same line (MXLogic and other Exim-based
     * gateways: {@code <taro@example.jp>: 550 unknown user}).
     */
    private static final Pattern ADDRESS_LINE =
            Pattern.compile("^<?([^<>\\s]{1,254}@[^<>\\s:]{1,254}?)>?(?:\\s{1,8}\\(.{0,300}\\))?(?::\\s{0,8}(.*))?$");

    @Override
    public String name() {
        return "exim";
    }

    @Override
    public boolean recognizes(MailView mail) {
        return mail.textLower().contains(MARKER)
                || (mail.headers().has("X-Failed-Recipients") && mail.subjectLower().startsWith("mail delivery failed"));
    }

    @Override
    public List<Finding> findings(MailView mail) {
        String text = mail.text();
        List<String> lines = TextScan.lines(TextScan.cutAt(text, SECTION_ENDS));
        int start = TextScan.indexOfLine(lines, 0, SECTION_STARTS);
        String lead = TextScan.paragraphContaining(text, DELAY_MARKER);
        List<Finding> out = new ArrayList<>();
        if (start >= 0) {
            String address = null;
            StringBuilder detail = new StringBuilder();
            for (int i = start + 1; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher m = ADDRESS_LINE.matcher(line.strip());
                boolean addressLine = m.matches() && TextScan.indent(line) <= 2 && TextScan.firstAddress(line) != null;
                if (addressLine) {
                    add(out, address, detail, lead);
                    address = m.group(1).toLowerCase(Locale.ROOT);
                    detail.setLength(0);
                    if (m.group(2) != null) {
                        detail.append(m.group(2));
                    }
                } else if (address != null && !line.isBlank()) {
                    detail.append(' ').append(line.strip());
                }
            }
            add(out, address, detail, lead);
        }
        if (out.isEmpty()) {
            // no readable section: the header still names the addresses, and the text says why
            String reason = TextScan.oneLine(String.join("\n", lines));
            for (String header : mail.headers().all("X-Failed-Recipients")) {
                for (String address : TextScan.addresses(header)) {
                    out.add(new Finding(address, reason, TextScan.hostIn(reason)));
                }
            }
        }
        return out;
    }

    private static void add(List<Finding> out, String address, StringBuilder detail, String lead) {
        if (address == null || detail.toString().isBlank() && out.stream().anyMatch(f -> f.recipient().equals(address))) {
            // a second mention of an address already read, with nothing new to say
            return;
        }
        String diagnostic = TextScan.oneLine(detail.toString());
        out.add(new Finding(address, diagnostic, TextScan.hostIn(diagnostic)).withNotice(lead));
    }
}
