package org.bounceclassifier.mail.layout;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bounceclassifier.mail.MailView;

/**
 * iCloud Mail's notices. iCloud's outbound servers run Postfix, so the text has Postfix's shape
 * ("This is the mail system at host ...icloud.com" and {@code <address>:} blocks); what sets it
 * apart is the host, which is recognized first so that operators see where the bounce came from.
 */
public final class ICloudLayout implements BounceLayout {
    private static final List<String> DOMAINS = List.of("icloud.com", "me.com", "mac.com", "apple.com");
    private static final Pattern MAIL_SYSTEM_HOST = Pattern.compile("this is the mail system at host ([a-z0-9.-]{1,253})");

    @Override
    public String name() {
        return "icloud";
    }

    @Override
    public int order() {
        return ORDER_PROVIDER;
    }

    @Override
    public boolean recognizes(MailView mail) {
        Matcher host = MAIL_SYSTEM_HOST.matcher(mail.textLower());
        boolean iCloudHost = host.find() && TextScan.inDomains(trimDot(host.group(1)), DOMAINS);
        return iCloudHost || (Signs.fromMailSystem(mail) && Signs.fromDomainIn(mail, DOMAINS));
    }

    @Override
    public List<Finding> findings(MailView mail) {
        return PostfixLayout.read(mail.text());
    }

    private static String trimDot(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
