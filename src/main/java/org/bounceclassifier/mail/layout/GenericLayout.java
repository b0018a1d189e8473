package org.bounceclassifier.mail.layout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bounceclassifier.mail.MailView;

/**
 * The fallback for bounces from mail systems no other layout knows: a message from a mail system
 * (MAILER-DAEMON, postmaster, "Mail Delivery ...") or with a bounce subject, or with an
 * {@code X-Failed-Recipients} header. Recipients are, in this order, the addresses of
 * X-Failed-Recipients, {@code <address>:} blocks, or the addresses the notice names that are
 * not the notice's own sender or return path; each gets the paragraph that names it, and the next
 * one when it quotes a reply code.
 */
public final class GenericLayout implements BounceLayout {
    /** Notices that name more addresses than this are lists, not bounces; the rest is not read. */
    private static final int MAX_FALLBACK_RECIPIENTS = 50;
    private static final String[] COPY_MARKERS = {"--- below this line is a copy of the message",
            "------ this is a copy of the message", "----- original message", "-----original message",
            "original message follows", "----- the original message", "original message headers",
            "元のメッセージ", "original message:", "message headers follow", "unsent message follows",
            "the header of the original message", "included is a copy of the message header"};
    /** Lines of a notice that repeat the returned message's header ("To: ...", "Subject: ..."), not the failure. */
    private static final Pattern HEADER_ECHO = Pattern.compile(
            "^\\s{0,8}(?:to|from|cc|subject|sent|date|message-id|in-reply-to|references)\\s{0,8}:.*$", Pattern.CASE_INSENSITIVE);
    /** Notices longer than this are read paragraph by paragraph even about one recipient. */
    private static final int MAX_PROSE_CHARS = 3000;
    /** A reply code, with or without an enhanced status: the sign that a paragraph quotes a server. */
    /** A paragraph that starts with a server's reply: "550 5.1.1 User unknown", "550-REJECTED". */
    private static final Pattern LEADING_REPLY = Pattern.compile("^[245][0-9]{2}(?:[ -]|$)");
    private static final Pattern REPLY_CODE = Pattern.compile("(?<![0-9.])[245][0-9]{2}(?:[ -][245]\\.[0-9]{1,3}\\.[0-9]{1,3})?(?![0-9.])");

    @Override
    public String name() {
        return "generic";
    }

    @Override
    public int order() {
        return ORDER_FALLBACK;
    }

    @Override
    public boolean recognizes(MailView mail) {
        return Signs.looksLikeBounce(mail) || mail.headers().has("X-Failed-Recipients");
    }

    /**
     * Everything a short notice says about its only recipient, in any wording or language: the
     * lines that echo the returned message's header dropped, the paragraph that quotes a reply
     * code first (so that its code leads), multi-line replies joined.
     */
    public static String prose(String notice) {
        List<String> paragraphs = new ArrayList<>();
        for (String p : TextScan.paragraphs(notice)) {
            StringBuilder kept = new StringBuilder();
            for (String line : TextScan.lines(p)) {
                if (!HEADER_ECHO.matcher(line).matches() && !line.strip().matches("[-=*_#|]{3,}.*[-=*_#|]{3,}|[-=*_#|]{3,}")) {
                    kept.append(line).append('\n');
                }
            }
            if (!kept.toString().isBlank()) {
                paragraphs.add(TextScan.joinReplyLines(kept.toString()));
            }
        }
        int reply = -1;
        for (int i = 0; i < paragraphs.size() && reply < 0; i++) {
            if (LEADING_REPLY.matcher(paragraphs.get(i).strip()).find()) {
                reply = i;
            }
        }
        if (reply > 0) {
            paragraphs.add(0, paragraphs.remove(reply));
        }
        return TextScan.oneLine(String.join("\n", paragraphs));
    }

    @Override
    public List<Finding> findings(MailView mail) {
        String notice = TextScan.cutAtReturnedHeader(TextScan.cutAt(mail.text(), COPY_MARKERS));
        List<String> failed = new ArrayList<>();
        mail.headers().all("X-Failed-Recipients").forEach(h -> failed.addAll(TextScan.addresses(h)));
        if (failed.isEmpty()) {
            List<Finding> blocks = TextScan.angleBlocks(notice);
            if (!blocks.isEmpty()) {
                return blocks;
            }
            failed.addAll(namedRecipients(mail, notice));
        }
        if (failed.isEmpty()) {
            // the notice names no one: the recipients of the returned message are the ones it is about
            failed.addAll(TextScan.inlineOriginalRecipients(mail.text()));
            if (failed.isEmpty()) {
                failed.addAll(mail.originalHeaders().addresses("To"));
            }
        }
        List<String> distinct = failed.stream().distinct().toList();
        if (distinct.size() == 1 && notice.length() <= MAX_PROSE_CHARS) {
            String diagnostic = prose(notice.replace(distinct.get(0), " "));
            return List.of(new Finding(distinct.get(0), diagnostic, TextScan.hostIn(notice)));
        }
        List<Finding> out = new ArrayList<>();
        for (String address : failed.stream().distinct().limit(MAX_FALLBACK_RECIPIENTS).toList()) {
            String context = contextOf(notice, address);
            out.add(new Finding(address, context, TextScan.hostIn(context)));
        }
        return out;
    }

    /** Addresses in the notice that are not its own sender, its return path or the original sender. */
    private static List<String> namedRecipients(MailView mail, String notice) {
        Set<String> own = new HashSet<>();
        own.addAll(mail.headers().addresses("From"));
        own.addAll(mail.headers().addresses("To"));
        own.addAll(mail.headers().addresses("Reply-To"));
        own.addAll(mail.originalHeaders().addresses("From"));
        // addresses that appear only in lines echoing the returned header (To:, Message-ID:) are the
        // message's, not the failed recipients, unless the notice names no other
        StringBuilder prose = new StringBuilder();
        for (String line : TextScan.lines(notice)) {
            if (!HEADER_ECHO.matcher(line).matches()) {
                prose.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        List<String> inEchoOnly = new ArrayList<>();
        List<String> inProse = TextScan.addresses(prose.toString());
        for (String address : TextScan.addresses(notice)) {
            String local = address.substring(0, address.indexOf('@'));
            if (!own.contains(address) && !local.equals("postmaster") && !local.equals("mailer-daemon")) {
                (inProse.contains(address) ? out : inEchoOnly).add(address);
            }
        }
        return out.isEmpty() ? inEchoOnly : out;
    }

    /** The paragraph naming the address, and the next one when it quotes a reply code and names no other address. */
    private static String contextOf(String notice, String address) {
        List<String> paragraphs = TextScan.paragraphs(notice);
        for (int i = 0; i < paragraphs.size(); i++) {
            if (paragraphs.get(i).toLowerCase(Locale.ROOT).contains(address)) {
                String context = paragraphs.get(i);
                if (i + 1 < paragraphs.size()) {
                    String next = paragraphs.get(i + 1);
                    if (REPLY_CODE.matcher(next).find() && TextScan.addresses(next).stream().allMatch(address::equals)) {
                        context += "\n" + next;
                    }
                }
                return TextScan.oneLine(context);
            }
        }
        return TextScan.oneLine(notice.length() <= 1000 ? notice : notice.substring(0, 1000));
    }
}
