package org.bounceclassifier.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.mail.layout.BounceLayout;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every bounce e-mail fixture, parsed and classified with the bundled rules, each as its own test. */
class BounceFixturesTest {
    private static final MailParser PARSER = new MailParser();
    /** The floor for the corpus, and per layout. */
    private static final int MINIMUM_FIXTURES = 60;
    private static final int MINIMUM_PER_LAYOUT = 3;

    @TestFactory
    Stream<DynamicTest> everyFixture() {
        return BounceFixtures.messages().stream().map(eml -> {
            BounceFixtures.Fixture fixture = BounceFixtures.load(eml);
            return DynamicTest.dynamicTest(fixture.title(), () -> check(fixture));
        });
    }

    private static void check(BounceFixtures.Fixture fixture) {
        ClassifiedMessage got = ClassifiedMessage.classify(PARSER.parse(fixture.bytes()), TestRules.bundled(), "en");
        BounceFixtures.Expected expected = fixture.expected();
        List<String> problems = new ArrayList<>();
        if (!expected.messageKind().equals(got.kind().id())) {
            problems.add("messageKind: expected " + expected.messageKind() + ", got " + got.kind().id());
        }
        if (expected.layout() != null && !expected.layout().equals(got.layout())) {
            problems.add("layout: expected " + expected.layout() + ", got " + got.layout());
        }
        if (expected.results().size() != got.results().size()) {
            problems.add("results: expected " + expected.results().size() + ", got " + got.results().size());
        }
        for (int i = 0; i < Math.min(expected.results().size(), got.results().size()); i++) {
            BounceFixtures.ExpectedResult want = expected.results().get(i);
            ClassifiedMessage.Result have = got.results().get(i);
            Classification c = have.classification();
            compare(problems, i, "recipient", want.recipient(), have.recipient().recipient());
            compare(problems, i, "category", want.category(), c.category().id());
            if (want.bounceType() != null) {
                compare(problems, i, "bounceType", want.bounceType(), c.bounceType().id());
            }
            if (want.action() != null) {
                compare(problems, i, "action", want.action(), c.action().id());
            }
        }
        if (!problems.isEmpty()) {
            fail(fixture.title() + ":\n  " + String.join("\n  ", problems) + "\n got:\n" + describe(got));
        }
    }

    private static void compare(List<String> problems, int i, String field, String want, String have) {
        if (!Objects.equals(want, have)) {
            problems.add("result " + i + " " + field + ": expected " + want + ", got " + have);
        }
    }

    /** Everything needed to see why: each result's evidence and the rules that decided. */
    private static String describe(ClassifiedMessage got) {
        StringBuilder out = new StringBuilder("  messageKind " + got.kind().id() + ", layout " + got.layout() + "\n");
        for (ClassifiedMessage.Result r : got.results()) {
            Classification c = r.classification();
            out.append("  - ").append(r.recipient().recipient()).append(": ").append(c.category().id()).append(' ')
                    .append(c.bounceType().id()).append(' ').append(c.action().id())
                    .append("\n      status ").append(r.recipient().input().enhancedStatus())
                    .append(", action ").append(r.recipient().input().dsnAction())
                    .append("\n      diagnostic: ").append(r.recipient().input().diagnostic())
                    .append("\n      matched rules: ").append(c.matchedRuleNames()).append('\n');
        }
        return out.toString();
    }

    @Test
    void everyMessageHasItsExpectedAnswer() {
        List<String> missing = BounceFixtures.messages().stream()
                .filter(eml -> !Files.isRegularFile(BounceFixtures.expectedFileOf(eml)))
                .map(Object::toString).toList();
        assertTrue(missing.isEmpty(), () -> "fixtures without NAME.expected.yaml: " + missing);
    }

    @Test
    void theCorpusIsLargeAndEveryLayoutHasFixturesItReadsItself() {
        List<BounceFixtures.Fixture> fixtures = BounceFixtures.messages().stream().map(BounceFixtures::load).toList();
        assertTrue(fixtures.size() >= MINIMUM_FIXTURES, "only " + fixtures.size() + " fixtures");
        Map<String, List<BounceFixtures.Fixture>> byFolder = fixtures.stream()
                .collect(Collectors.groupingBy(BounceFixtures.Fixture::folder, TreeMap::new, Collectors.toList()));
        for (BounceLayout layout : PARSER.layouts()) {
            List<BounceFixtures.Fixture> own = byFolder.getOrDefault(layout.name(), List.of());
            assertTrue(own.size() >= MINIMUM_PER_LAYOUT, layout.name() + " has " + own.size() + " fixtures");
            long readByIt = own.stream().filter(f -> layout.name().equals(f.expected().layout())).count();
            assertTrue(readByIt >= 1, "no fixture of " + layout.name() + " is expected to be read by it");
        }
    }

    @Test
    void layoutsAreLoadedInOrderWithTheFallbackLast() {
        List<BounceLayout> layouts = PARSER.layouts();
        assertEquals("generic", layouts.get(layouts.size() - 1).name());
        assertEquals(layouts.size(), layouts.stream().map(BounceLayout::name).distinct().count(), "layout names are unique");
    }
}
