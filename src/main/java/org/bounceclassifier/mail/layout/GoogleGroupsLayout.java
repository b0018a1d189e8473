package org.bounceclassifier.mail.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bounceclassifier.mail.MailView;

/**
 * Google Groups' notices that a post to a group was refused (the group does not exist, or does not
 * take posts from the sender): sent by Google's mail system in the sender's language, with a link
 * to groups.google.com and the returned message after "----- Original message -----". The
 * recipient is the group's address (at googlegroups.com, or a Workspace domain's group), found in
 * the returned message; the notice's words, in whatever language, are the diagnostic.
 */
public final class GoogleGroupsLayout implements BounceLayout {
    private static final List<String> GOOGLE = List.of("googlemail.com", "google.com");
    private static final String[] MARKERS = {"groups.google.com", "google groups", "google グループ", "google 群組",
            "google-gruppe", "google-groep"};
    private static final String[] COPY_MARKERS = {"----- original message", "----- message header"};

    @Override
    public String name() {
        return "googlegroups";
    }

    @Override
    public int order() {
        // before the Gmail layout: the same sender, a different notice
        return ORDER_PROVIDER - 1;
    }

    @Override
    public boolean recognizes(MailView mail) {
        return Signs.fromMailSystem(mail) && Signs.fromDomainIn(mail, GOOGLE)
                && TextScan.containsAny(mail.textLower(), MARKERS) && !groups(mail).isEmpty();
    }

    @Override
    public List<Finding> findings(MailView mail) {
        String notice = TextScan.cutAt(mail.text(), COPY_MARKERS);
        List<Finding> out = new ArrayList<>();
        for (String group : groups(mail)) {
            out.add(new Finding(group, GenericLayout.prose(notice), null));
        }
        return out;
    }

    /** The returned message's recipients at googlegroups.com, else all of them when the notice names one. */
    private static List<String> groups(MailView mail) {
        List<String> returned = new ArrayList<>(mail.originalHeaders().addresses("To"));
        if (returned.isEmpty()) {
            returned.addAll(TextScan.inlineOriginalRecipients(mail.text()));
        }
        List<String> atGroups = returned.stream()
                .filter(a -> TextScan.domainOf(a).equals("googlegroups.com")).toList();
        if (!atGroups.isEmpty()) {
            return atGroups;
        }
        String text = mail.textLower();
        return returned.stream().filter(a -> text.contains(a.substring(0, a.indexOf('@')).toLowerCase(Locale.ROOT)))
                .limit(1).toList();
    }
}
