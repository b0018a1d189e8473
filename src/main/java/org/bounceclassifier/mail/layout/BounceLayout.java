package org.bounceclassifier.mail.layout;

import java.util.List;
import org.bounceclassifier.mail.MailView;

/**
 * A recognizer for one kind of bounce notice that has no machine-readable delivery-status part
 * (or whose delivery-status part leaves out the diagnostic): the text a particular MTA or mailbox
 * provider writes. One small class per layout, listed in
 * {@code META-INF/services/org.bounceclassifier.mail.layout.BounceLayout}; adding a layout is
 * adding a class and one line there.
 *
 * <p>Layouts only read: they find recipients and the words about each. They never decide a
 * category; the rules do, from the diagnostic a layout returns.
 */
public interface BounceLayout {
    /** Carriers are recognized by their domains before the MTA software they run. */
    int ORDER_CARRIER = 10;
    /** Mailbox providers are recognized by their hosts before the MTA software they run. */
    int ORDER_PROVIDER = 20;
    /** MTA software, recognized by the wording of its template. */
    int ORDER_MTA = 40;
    /** The generic fallback, tried last. */
    int ORDER_FALLBACK = 1000;

    /** A short id, also the folder of its fixtures: {@code postfix}, {@code docomo}. */
    String name();

    /** Lower runs first; ties are broken by name. */
    default int order() {
        return ORDER_MTA;
    }

    /** Whether the message is this layout's notice; cheap checks of headers and marker phrases. */
    boolean recognizes(MailView mail);

    /** Every failed recipient the notice names, in the order it names them; empty when none is found. */
    List<Finding> findings(MailView mail);
}
