package org.bounceclassifier.mail.layout;

import java.util.List;
import java.util.Locale;
import org.bounceclassifier.mail.MailView;

/** Header signs that a message is a bounce notice, and where it comes from. */
public final class Signs {
    /** Local parts of the addresses mail systems send bounces from. */
    private static final List<String> MAIL_SYSTEM_LOCAL_PARTS = List.of("mailer-daemon", "mailerdaemon", "mail-daemon",
            "postmaster", "mdaemon", "mail.delivery.subsystem");
    /** Display names of the same (lower case). */
    private static final String[] MAIL_SYSTEM_NAMES = {"mail delivery", "mailer-daemon", "mailer daemon",
            "postmaster", "mail administrator", "mail system", "microsoft outlook", "メール配信システム", "メールシステム"};
    /** Words of bounce subjects (lower case), in the languages bounces arrive in. */
    private static final String[] BOUNCE_SUBJECT_WORDS = {"undeliverable", "undelivered",
            "delivery status notification", "returned mail", "delivery failure", "delivery failed", "failure notice",
            "mail delivery failed", "could not be delivered", "non-delivery", "nondeliverable", "not delivered",
            "delivery notification", "delivery problem", "mail delivery system", "delayed mail", "warning: could not send",
            "error sending your mail", "error delivering your mail",
            "配信不能", "配送不能", "配信エラー", "配送エラー", "送信エラー", "エラーメール", "不達", "配信できません",
            "配送できません", "届きませんでした", "配信失敗", "配送失敗", "送信失敗", "エラー通知"};

    private Signs() {
    }

    /** From MAILER-DAEMON, postmaster, "Mail Delivery Subsystem" and the like. */
    public static boolean fromMailSystem(MailView mail) {
        String from = mail.fromAddress();
        if (from.isEmpty() && mail.header("From") != null) {
            // "From: mailer-daemon" without a domain is not an address, but it says who wrote it
            from = mail.header("From").strip().toLowerCase(Locale.ROOT);
        }
        int at = from.indexOf('@');
        String local = at < 0 ? from : from.substring(0, at);
        if (MAIL_SYSTEM_LOCAL_PARTS.contains(local)) {
            return true;
        }
        String name = mail.fromNameLower();
        return TextScan.containsAny(name, MAIL_SYSTEM_NAMES);
    }

    /** A subject bounce notices use. */
    public static boolean bounceSubject(MailView mail) {
        return TextScan.containsAny(mail.subjectLower(), BOUNCE_SUBJECT_WORDS);
    }

    /** From mail systems or with a bounce subject: the least a notice shows. */
    public static boolean looksLikeBounce(MailView mail) {
        return fromMailSystem(mail) || bounceSubject(mail);
    }

    /** The From address is at one of the domains (or a subdomain of one). */
    public static boolean fromDomainIn(MailView mail, List<String> domains) {
        return TextScan.inDomains(TextScan.domainOf(mail.fromAddress()), domains);
    }

    /** A Received header of the notice names a host in one of the domains. */
    public static boolean receivedThrough(MailView mail, List<String> domains) {
        for (String received : mail.headers().all("Received")) {
            String lower = received.toLowerCase(Locale.ROOT);
            for (String d : domains) {
                if (lower.contains("." + d) || lower.contains(" " + d)) {
                    return true;
                }
            }
        }
        return false;
    }
}
