package org.bounceclassifier.rulecases;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.bounceclassifier.TestRules;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every case in rules-tests/ and every rule example, each as its own test. */
class RuleCasesTest {

    @TestFactory
    Stream<DynamicTest> everyRuleCase() {
        RuleCaseLoader.Loaded loaded = RuleCaseLoader.load(TestRules.CASES);
        assertTrue(loaded.problems().isEmpty(), () -> "unreadable cases: " + loaded.problems());
        return loaded.cases().stream().map(c -> DynamicTest.dynamicTest(c.title(), () -> {
            RuleChecks.Result result = RuleChecks.runCase(TestRules.bundled(), c);
            assertTrue(result.passed(), () -> c.title() + ": " + result.message());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyRuleRecognizesItsExamples() {
        List<RuleChecks.Result> results = RuleChecks.runExamples(TestRules.bundled());
        return results.stream().map(r -> DynamicTest.dynamicTest(r.title(),
                () -> assertTrue(r.passed(), () -> r.title() + ": " + r.message())));
    }

    /** The receiver families issue #6 asks every rule set to cover, as cases name them. */
    private static final List<String> RECEIVER_FAMILIES = List.of("Gmail", "Microsoft", "Yahoo/AOL", "iCloud",
            "Large ISPs", "GMX/Web.de", "Orange/Free/Laposte", "Mail.ru/Yandex", "QQ/163/NetEase", "Proofpoint",
            "Mimecast", "Barracuda", "Cisco", "Trend Micro", "Sophos", "Postfix", "Exim", "Sendmail", "qmail",
            "Courier", "Dovecot", "docomo", "au/KDDI", "SoftBank", "Rakuten", "Japanese hosting");

    @Test
    void everyReceiverFamilyHasCasesAndRules() {
        final int minimumPerFamily = 5;
        RuleCaseLoader.Loaded loaded = RuleCaseLoader.load(TestRules.CASES);
        for (String family : RECEIVER_FAMILIES) {
            long cases = loaded.cases().stream().filter(c -> family.equals(c.receiver())).count();
            assertTrue(cases >= minimumPerFamily, family + " has only " + cases + " cases");
            assertTrue(TestRules.bundled().rules().values().stream().anyMatch(r -> r.receivers().contains(family)),
                    family + " has no rule with @receiver(\"" + family + "\")");
        }
    }

    @Test
    void thereAreEnoughCasesAndEveryCategoryHasSome() {
        RuleCaseLoader.Loaded loaded = RuleCaseLoader.load(TestRules.CASES);
        final int minimumCases = 650;
        final int minimumPerCategory = 12;
        assertTrue(loaded.cases().size() >= minimumCases, "only " + loaded.cases().size() + " cases");
        for (org.bounceclassifier.engine.Category c : org.bounceclassifier.engine.Category.values()) {
            long n = loaded.cases().stream().filter(rc -> rc.expect().category().equals(c.id())).count();
            assertTrue(n >= minimumPerCategory, c.id() + " has only " + n + " cases");
        }
    }
}
