package org.bounceclassifier.mail.layout;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bounceclassifier.mail.MailView;

/**
 * The Courier mail server's notices: "This is a delivery status notification from ..., running
 * the Courier mail server", a banner ({@code UNDELIVERABLE MAIL} or {@code DELAYED MAIL}), then a
 * block per recipient starting with {@code <address>:}, the remote host, and the SMTP dialogue
 * ({@code <<<} lines are the remote server's replies).
 */
public final class CourierLayout implements BounceLayout {
    private static final String MARKER = "running the courier mail server";
    private static final String DELAY_BANNER = "delayed mail";
    /** One of our SMTP commands in the dialogue: ">>> RCPT TO:<addr>", ">>> DATA", ">>> EHLO host". */
    private static final Pattern COMMAND = Pattern.compile(
            ">>> (?:(?:RCPT TO|MAIL FROM):?\\s{0,4}<[^>]{0,300}>|[A-Z]{4}(?: [^\\s<]{1,253})?)", Pattern.CASE_INSENSITIVE);

    @Override
    public String name() {
        return "courier";
    }

    @Override
    public boolean recognizes(MailView mail) {
        return mail.textLower().contains(MARKER);
    }

    @Override
    public List<Finding> findings(MailView mail) {
        String text = mail.text();
        String notice = null;
        if (mail.textLower().contains(DELAY_BANNER)) {
            // the paragraph under the banner says the delivery goes on
            String afterBanner = TextScan.after(text, DELAY_BANNER);
            notice = TextScan.paragraphs(afterBanner).stream().findFirst().map(TextScan::oneLine).orElse(null);
        }
        String finalNotice = notice;
        return TextScan.angleBlocks(text).stream()
                .map(f -> new Finding(f.recipient(), withoutCommands(f.diagnostic()), remoteHost(f.diagnostic()))
                        .withNotice(finalNotice))
                .toList();
    }

    /** Drops our own commands (">>> RCPT TO:<...>") and keeps the server's replies without "<<<". */
    private static String withoutCommands(String block) {
        return TextScan.oneLine(COMMAND.matcher(block).replaceAll(" ").replace("<<<", " "));
    }

    /** Courier names the remote host first in the block: "mx.example.jp [192.0.2.25]:". */
    private static String remoteHost(String block) {
        String first = block.strip().split("\\s", 2)[0];
        return first.contains(".") && !first.contains("@") ? first.replaceAll("[:.]+$", "").toLowerCase(Locale.ROOT) : null;
    }
}
