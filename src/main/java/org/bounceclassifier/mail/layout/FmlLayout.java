package org.bounceclassifier.mail.layout;

import java.util.List;
import java.util.Locale;
import org.bounceclassifier.mail.MailView;

/**
 * fml's notices (the mailing list manager, still common on Japanese lists): the list refuses a
 * post, most often because the sender is not a member ("You are not a member of this mailing list
 * <list@example.jp>", subject "You ... are not member (list ML)"). Sent by the list's admin address
 * with {@code X-MLServer: fml ...}. The failed recipient is the list address; the notice's subject
 * and words (often Japanese and English) are the diagnostic.
 */
public final class FmlLayout implements BounceLayout {
    private static final String[] REFUSALS = {"not a member of this mailing list", "are not member",
            "not member of this list", "メンバーではありません", "メンバー以外"};

    @Override
    public String name() {
        return "fml";
    }

    @Override
    public boolean recognizes(MailView mail) {
        String server = mail.header("X-MLServer");
        boolean fml = server != null && server.toLowerCase(Locale.ROOT).contains("fml") || mail.headers().has("X-ML-Name");
        return fml && (TextScan.containsAny(mail.textLower(), REFUSALS) || TextScan.containsAny(mail.subjectLower(), REFUSALS));
    }

    @Override
    public List<Finding> findings(MailView mail) {
        String list = null;
        for (String address : TextScan.addresses(mail.text())) {
            if (!address.equals(mail.fromAddress()) && !mail.headers().addresses("To").contains(address)) {
                list = address;
                break;
            }
        }
        if (list == null) {
            return List.of();
        }
        String diagnostic = TextScan.oneLine(mail.subject() + " " + GenericLayout.prose(mail.text()));
        return List.of(new Finding(list, diagnostic, null));
    }
}
