package org.bounceclassifier.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bounceclassifier.TestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader reports what is wrong with a rules directory at the file and line where it is. */
class RuleSetLoaderTest {
    private static final String HEADER = """
            package bounce;
            import org.bounceclassifier.engine.Category;
            import org.bounceclassifier.engine.Strength;
            import org.bounceclassifier.engine.Phrase;
            import org.bounceclassifier.engine.Evidence;
            import function org.bounceclassifier.engine.Proposals.propose;
            """;

    @Test
    void theBundledRulesLoadWithFilesHashesAndVersion() {
        RuleSet rules = TestRules.bundled();
        assertTrue(rules.ruleCount() > 100, "rule count " + rules.ruleCount());
        assertTrue(rules.version().matches("[0-9a-f]{12}"), rules.version());
        assertTrue(rules.files().stream().anyMatch(f -> f.path().equals("decision.drl") && f.sha256().length() == 64));
        assertTrue(rules.files().stream().anyMatch(f -> f.path().equals("messages/ja.yaml")));
        for (Category c : Category.values()) {
            assertTrue(rules.defaultRemedy(c).action() != null, c.id());
        }
    }

    @Test
    void aRuleKnowsItsCategoryAndReceiverFamilies(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyOfRules(tmp);
        Files.writeString(rules.resolve("text/extra.drl"), HEADER + """
                rule "Example: two receivers word it alike"
                    @example("550 5.1.1 nobody by that name lives here")
                    @source("Example Mail")
                    @receiver("Gmail, Yahoo/AOL")
                when
                    Phrase( text == "nobody by that name lives here" )
                then
                    propose(kcontext, Category.BAD_MAILBOX, Strength.TEXT_SPECIFIC);
                end
                """);
        try (RuleSet loaded = RuleSetLoader.load(rules)) {
            RuleInfo rule = loaded.rules().get("Example: two receivers word it alike");
            assertEquals(List.of("Gmail", "Yahoo/AOL"), rule.receivers());
            assertEquals(Category.BAD_MAILBOX, rule.category());
            assertEquals(null, loaded.rules().get("decide: nothing recognizable means unknown").category());
            assertEquals(Category.BAD_MAILBOX,
                    loaded.rules().get("status X.1.1: bad destination mailbox address").category());
        }
    }

    @Test
    void theVersionIsTheContentHashTheSameOnEveryLoadOfTheSameFilesAndAnotherAfterAnEdit(@TempDir Path tmp)
            throws Exception {
        Path rules = TestRules.copyOfRules(tmp.resolve("rules"));
        String first;
        try (RuleSet a = RuleSetLoader.load(rules)) {
            first = a.version();
        }
        try (RuleSet again = RuleSetLoader.load(rules)) {
            assertEquals(first, again.version(), "another instance or a restart on the same files");
        }
        Path messages = rules.resolve("messages/en.yaml");
        Files.writeString(messages, Files.readString(messages) + "\n# an edit\n");
        try (RuleSet edited = RuleSetLoader.load(rules)) {
            assertNotEquals(first, edited.version());
        }
    }

    @Test
    void aSyntaxErrorIsReportedWithFileAndLine(@TempDir Path tmp) throws IOException {
        RuleSetException e = refusedWith(tmp, "text/broken.drl", """
                rule "broken: missing parenthesis"
                when
                    Phrase( text == "whatever"
                then
                    propose(kcontext, Category.BAD_MAILBOX, Strength.TEXT);
                end
                """);
        RuleProblem first = e.problems().get(0);
        assertEquals("text/broken.drl", first.file());
        assertTrue(first.line() >= 8 && first.line() <= 11, "line " + first.line() + ": " + first.message());
    }

    @Test
    void aCategoryThatTaxonomyDoesNotHaveDoesNotCompile(@TempDir Path tmp) throws IOException {
        RuleSetException e = refusedWith(tmp, "text/typo.drl", """
                rule "typo: a category nobody defined"
                    @example("550 gone fishing")
                    @source("test")
                when
                    Phrase( text == "gone fishing" )
                then
                    propose(kcontext, Category.GONE_FISHING, Strength.TEXT);
                end
                """);
        assertTrue(e.problems().stream().anyMatch(p -> "text/typo.drl".equals(p.file())
                && p.message().contains("GONE_FISHING")), e.getMessage());
    }

    @Test
    void aPhraseThatIsNotALiteralIsRefused(@TempDir Path tmp) throws IOException {
        RuleSetException e = refusedWith(tmp, "text/vague.drl", """
                rule "vague: phrase by method call"
                    @example("550 nope")
                    @source("test")
                when
                    Phrase( text.startsWith("nope") )
                then
                    propose(kcontext, Category.BAD_MAILBOX, Strength.TEXT);
                end
                """);
        assertTrue(e.problems().stream().anyMatch(p -> "text/vague.drl".equals(p.file()) && p.line() == 11
                && p.message().contains("as a literal")), e.getMessage());
    }

    @Test
    void aRegexThatDoesNotCompileIsRefused(@TempDir Path tmp) throws IOException {
        RuleSetException e = refusedWith(tmp, "text/regex.drl", """
                import org.bounceclassifier.engine.PatternMatch;
                rule "regex: backreference RE2 cannot do"
                    @example("550 aa")
                    @source("test")
                when
                    PatternMatch( regex == "(a)\\\\1" )
                then
                    propose(kcontext, Category.BAD_MAILBOX, Strength.TEXT);
                end
                """);
        assertTrue(e.problems().stream().anyMatch(p -> "text/regex.drl".equals(p.file())
                && p.message().contains("does not compile")), e.getMessage());
    }

    @Test
    void aMissingTextForACategoryIsRefused(@TempDir Path tmp) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        Path en = rules.resolve("messages/en.yaml");
        List<String> lines = Files.readAllLines(en);
        int start = lines.indexOf("greylisted:");
        assertTrue(start >= 0, "en.yaml has a greylisted: entry at the start of a line");
        int end = start + 1;
        while (end < lines.size() && (lines.get(end).startsWith(" ") || lines.get(end).isBlank())) {
            end++;
        }
        lines.subList(start, end).clear();
        Files.write(en, lines);
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(rules));
        assertTrue(e.problems().stream().anyMatch(p -> p.message().contains("'greylisted' in language 'en'")),
                e.getMessage());
    }

    @Test
    void aMissingDirectoryIsAProblemNotACrash(@TempDir Path tmp) {
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(tmp.resolve("nothing")));
        assertFalse(e.problems().isEmpty());
    }

    @Test
    void editorDebrisIsIgnored() {
        assertTrue(RuleSetLoader.isEditorDebris(".decision.drl.swp"));
        assertTrue(RuleSetLoader.isEditorDebris("decision.drl~"));
        assertFalse(RuleSetLoader.isEditorDebris("decision.drl"));
    }

    /** The bundled rules plus one more file: the loader must refuse them. */
    private static RuleSetException refusedWith(Path tmp, String file, String drl) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        Files.writeString(rules.resolve(file), HEADER + drl);
        return assertThrows(RuleSetException.class, () -> RuleSetLoader.load(rules));
    }
}
