package org.bounceclassifier.evaluation;

import org.bounceclassifier.engine.BounceType;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.mail.ClassifiedMessage;

/**
 * A reference row and the result it was paired with.
 *
 * @param result the paired result, or null when the e-mail gave none for that recipient
 * @param layout how the e-mail was read: the layout's name for a non-standard bounce, else the
 *     message kind ({@code dsn}, {@code feedback_report}, ...; {@code missing} for a labelled file
 *     that is not in the corpus)
 */
public record RowOutcome(LabelRow row, ClassifiedMessage.Result result, String layout) {

    /** Whether the row has its answer: a result, or for a delivered recipient, rightly none. */
    public boolean found() {
        return result != null || row.isDelivered() && !"missing".equals(layout);
    }

    public boolean categoryAgrees() {
        if (row.isDelivered()) {
            return found() && (result == null || type() == BounceType.NONE);
        }
        return result != null && row.agreesOnCategory(category());
    }

    public boolean typeAgrees() {
        if (row.isDelivered()) {
            return categoryAgrees();
        }
        return result != null && row.agreesOnType(category(), type());
    }

    /** Hard where the reference says soft or none (and no exception allows it): a real customer dropped. */
    public boolean falseHard() {
        return result != null && type() == BounceType.HARD && row.expectedType() != BounceType.HARD
                && !typeAgrees();
    }

    /** Soft or none where the reference says hard: a dead address mailed again. */
    public boolean falseSoft() {
        return result != null && type() != BounceType.HARD && row.expectedType() == BounceType.HARD
                && !typeAgrees();
    }

    /** Our category id, {@code (none)} when there is no result. */
    public String answer() {
        return result == null ? "(none)" : category().id();
    }

    Category category() {
        return result.classification().category();
    }

    BounceType type() {
        return result.classification().bounceType();
    }
}
