package org.bounceclassifier.evaluation;

import java.util.Map;
import java.util.Set;
import org.bounceclassifier.engine.BounceType;
import org.bounceclassifier.engine.Category;

/**
 * One reference answer: a recipient of one e-mail and what a reference analyser said of it.
 *
 * @param recipient lower case; empty when the reference did not record it (then the row pairs
 *     with a result of the same file in order)
 * @param reason the reference's own reason word (sisimai's taxonomy: userunknown, filtered, ...)
 * @param accepted our categories that count as agreement with that reason
 * @param expectedType the reference's bounce type
 * @param typeExceptions with that category, that type is accepted too
 */
public record LabelRow(String file, String recipient, String status, String reason, Set<Category> accepted,
        BounceType expectedType, Map<Category, BounceType> typeExceptions) {

    /** The reason word of a recipient the reference says was delivered, not failed. */
    public static final String DELIVERED = "delivered";

    public LabelRow {
        accepted = Set.copyOf(accepted);
        typeExceptions = Map.copyOf(typeExceptions);
    }

    public boolean isDelivered() {
        return DELIVERED.equals(reason);
    }

    public boolean agreesOnCategory(Category category) {
        return accepted.contains(category);
    }

    public boolean agreesOnType(Category category, BounceType type) {
        return type == expectedType || typeExceptions.get(category) == type;
    }
}
