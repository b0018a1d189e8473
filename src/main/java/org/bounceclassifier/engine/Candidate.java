package org.bounceclassifier.engine;

/** One evidence rule's proposal: "this bounce is CATEGORY, and my evidence weighs STRENGTH". */
public final class Candidate {
    private final Category category;
    private final int strength;
    private final String ruleName;

    public Candidate(Category category, int strength, String ruleName) {
        this.category = category;
        this.strength = strength;
        this.ruleName = ruleName;
    }

    public Category getCategory() {
        return category;
    }

    public int getStrength() {
        return strength;
    }

    public String getRuleName() {
        return ruleName;
    }

    /** True for categories whose default type is hard: at equal strength the decision prefers soft. */
    public boolean isHard() {
        return category.defaultType() == BounceType.HARD;
    }

    @Override
    public String toString() {
        return category.id() + "@" + strength + " by '" + ruleName + "'";
    }
}
