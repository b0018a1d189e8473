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
 * What the Japanese mobile carriers' notices have in common. Their mail servers write short
 * notices, in English or in Japanese (often ISO-2022-JP or Shift_JIS, sometimes mislabelled), in
 * a few shapes, tried in this order:
 * <ol>
 *   <li>{@code <address>: reason} blocks, as qmail-like servers write;</li>
 *   <li>Sendmail's sections ("----- The following addresses had permanent fatal errors -----");</li>
 *   <li>labelled lines: {@code 宛先: address} (or 送信先, あて先, 受信者, 配信先, Recipient) and
 *       {@code 理由: reason} (or 原因, エラー内容, 詳細, Reason, Error);</li>
 *   <li>otherwise every subscriber address of the carrier in the notice, with its paragraph and
 *       the one after it as the reason.</li>
 * </ol>
 */
final class CarrierNotice {
    private static final String[] COPY_MARKERS = {"--- below this line is a copy of the message",
            "------ this is a copy of the message", "----- original message", "-----original message",
            "元のメッセージ", "送信されたメッセージの内容", "----- 以下、送信されたメール"};
    private static final Pattern RECIPIENT_LABEL = Pattern.compile(
            "^\\s{0,8}(?:宛先|送信先|あて先|受信者|配信先|recipient|to|could not be delivered to)\\s{0,4}[:：]\\s{0,8}(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern REASON_LABEL = Pattern.compile(
            "^\\s{0,8}(?:理由|原因|エラー内容|エラー|詳細|reason|error)\\s{0,4}[:：]\\s{0,8}(.*)$", Pattern.CASE_INSENSITIVE);

    /** Words of a delivery failure, for notices whose headers do not show one. */
    private static final String[] FAILURE_WORDS = {"could not be delivered", "was not delivered", "送信できませんでした",
            "配信できませんでした", "届けできませんでした"};

    private CarrierNotice() {
    }

    /** A bounce from the carrier's mail servers: sent by its mail system, or through its servers. */
    static boolean fromCarrier(MailView mail, List<String> domains) {
        if (Signs.looksLikeBounce(mail)) {
            return Signs.fromDomainIn(mail, domains) || Signs.receivedThrough(mail, domains);
        }
        // au one net sends its notices from no-reply@ with an empty subject: its words tell
        return Signs.fromDomainIn(mail, domains) && TextScan.containsAny(mail.textLower(), FAILURE_WORDS);
    }

    static List<Finding> read(MailView mail, List<String> domains) {
        String notice = TextScan.cutAtReturnedHeader(TextScan.cutAt(mail.text(), COPY_MARKERS));
        List<Finding> found = TextScan.angleBlocks(notice);
        if (found.isEmpty()) {
            found = SendmailLayout.read(notice);
        }
        if (found.isEmpty()) {
            found = labelled(notice);
        }
        if (found.isEmpty()) {
            found = subscribersIn(notice, domains);
        }
        return found;
    }

    /**
     * Recipient and reason labels. A reason after a recipient belongs to it; a reason before any
     * recipient (one reason for the whole notice) belongs to every recipient without its own.
     * Indented lines under a label continue its value.
     */
    private static List<Finding> labelled(String notice) {
        Map<String, StringBuilder> reasons = new LinkedHashMap<>();
        StringBuilder shared = new StringBuilder();
        StringBuilder continuing = null;
        String lastRecipient = null;
        for (String line : TextScan.lines(notice)) {
            Matcher recipient = RECIPIENT_LABEL.matcher(line);
            Matcher reason = REASON_LABEL.matcher(line);
            String address = recipient.matches() ? TextScan.firstAddress(recipient.group(1)) : null;
            if (address != null) {
                lastRecipient = address;
                reasons.putIfAbsent(address, new StringBuilder());
                // indented lines under the recipient are about it: the SMTP dialogue, "As their mailbox is full."
                continuing = reasons.get(address);
            } else if (reason.matches()) {
                continuing = lastRecipient == null ? shared : reasons.get(lastRecipient);
                continuing.append(' ').append(reason.group(1));
            } else if (continuing != null && !line.isBlank() && TextScan.indent(line) > 0) {
                String value = line.strip();
                if (!value.startsWith(">>>")) {
                    // our own commands say nothing about the failure; "<<<" marks the server's reply
                    continuing.append(' ').append(value.startsWith("<<<") ? value.substring(3).strip() : value);
                }
            } else {
                continuing = null;
            }
        }
        List<Finding> out = new ArrayList<>();
        reasons.forEach((address, own) -> {
            String diagnostic = TextScan.oneLine(own.isEmpty() ? shared.toString() : own.toString());
            out.add(new Finding(address, diagnostic, null));
        });
        return out;
    }

    /**
     * The carrier's subscriber addresses in the notice, each with its paragraph and the ones
     * before and after it that name no other address: au writes the reason above the address
     * ("The user(s) account is disabled." then the address), others below it. A paragraph before
     * that ends with a colon only leads in to the list, so the one before it is taken too.
     */
    private static List<Finding> subscribersIn(String notice, List<String> domains) {
        List<String> paragraphs = TextScan.paragraphs(notice);
        List<Finding> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < paragraphs.size(); i++) {
            for (String address : TextScan.addresses(paragraphs.get(i))) {
                if (seen.contains(address) || !TextScan.inDomains(TextScan.domainOf(address), domains)) {
                    continue;
                }
                seen.add(address);
                String context = paragraphs.get(i);
                for (int j = i - 1; j >= 0 && TextScan.addresses(paragraphs.get(j)).isEmpty(); j--) {
                    context = paragraphs.get(j) + "\n" + context;
                    if (!paragraphs.get(j).strip().endsWith(":")) {
                        // a list's lead-in ("did not receive this message:") is read with the reason before it
                        break;
                    }
                }
                if (i + 1 < paragraphs.size() && TextScan.addresses(paragraphs.get(i + 1)).isEmpty()) {
                    context = context + "\n" + paragraphs.get(i + 1);
                }
                String diagnostic = TextScan.oneLine(context.replace(address, " ").replace(address.toUpperCase(Locale.ROOT), " "));
                out.add(new Finding(address, diagnostic, null));
            }
        }
        return out;
    }
}
