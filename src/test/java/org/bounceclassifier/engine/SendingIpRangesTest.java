package org.bounceclassifier.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bounceclassifier.TestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's sending IP ranges: validated with file and line, quoted by the texts, optional. */
class SendingIpRangesTest {
    private static final String FILE = SendingIpRanges.FILE;

    private static List<RuleProblem> problemsOf(String yaml) {
        List<RuleProblem> problems = new ArrayList<>();
        SendingIpRanges ranges = SendingIpRanges.parse(FILE, yaml.getBytes(StandardCharsets.UTF_8), problems);
        if (!problems.isEmpty()) {
            assertSame(SendingIpRanges.NONE, ranges, "a file with problems configures nothing");
        }
        return problems;
    }

    @Test
    void regionsAndRangesAreReadInCanonicalForm() {
        List<RuleProblem> problems = new ArrayList<>();
        SendingIpRanges ranges = SendingIpRanges.parse(FILE, """
                regions:
                  - name: Tokyo
                    ranges: [192.0.2.0/24, "2001:DB8:0010:0::/48"]
                  - name: Osaka
                    ranges:
                      - 203.0.113.7
                """.getBytes(StandardCharsets.UTF_8), problems);
        assertEquals(List.of(), problems);
        assertEquals("Tokyo: 192.0.2.0/24, 2001:db8:10::/48; Osaka: 203.0.113.7", ranges.format());
    }

    @Test
    void anEmptyFileOrAnEmptyListConfiguresNothing() {
        for (String yaml : List.of("", "# only a comment\n", "regions: []\n", "regions:\n")) {
            List<RuleProblem> problems = new ArrayList<>();
            SendingIpRanges ranges = SendingIpRanges.parse(FILE, yaml.getBytes(StandardCharsets.UTF_8), problems);
            assertEquals(List.of(), problems, yaml);
            assertTrue(ranges.isEmpty(), yaml);
        }
    }

    @Test
    void aRangeThatIsNotCidrIsReportedAtItsLine() {
        List<RuleProblem> problems = problemsOf("""
                regions:
                  - name: Tokyo
                    ranges:
                      - 192.0.2.0/24
                      - 192.0.2.300/24
                      - 198.51.100.0/33
                      - mail.example.com
                """);
        assertEquals(3, problems.size(), problems.toString());
        assertEquals(List.of(5, 6, 7), problems.stream().map(RuleProblem::line).toList());
        assertTrue(problems.stream().allMatch(p -> FILE.equals(p.file())));
        assertTrue(problems.get(0).message().contains("'192.0.2.300/24' is not an IPv4 or IPv6 address or CIDR block"),
                problems.get(0).message());
    }

    @Test
    void hostBitsAfterThePrefixAreRefusedWithTheBlockMeant() {
        List<RuleProblem> problems = problemsOf("""
                regions:
                  - name: Tokyo
                    ranges: [192.0.2.10/24]
                """);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(3, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("did you mean 192.0.2.0/24?"), problems.get(0).message());
    }

    @Test
    void shapeErrorsNameWhatIsExpected() {
        assertTrue(problemsOf("- 192.0.2.0/24\n").get(0).message().contains("expected a map with 'regions:'"));
        assertTrue(problemsOf("ranges: [192.0.2.0/24]\n").get(0).message().contains("unknown key 'ranges'"));
        List<RuleProblem> noName = problemsOf("""
                regions:
                  - ranges: [192.0.2.0/24]
                """);
        assertEquals("a region needs a 'name'", noName.get(0).message());
        assertEquals(2, noName.get(0).line());
        List<RuleProblem> twice = problemsOf("""
                regions:
                  - {name: Tokyo, ranges: [192.0.2.0/24]}
                  - {name: Tokyo, ranges: [198.51.100.0/24]}
                """);
        assertTrue(twice.get(0).message().contains("region 'Tokyo' is listed twice"), twice.toString());
        assertTrue(problemsOf("regions:\n  - name: Tokyo\n    ranges: []\n").get(0).message()
                .contains("region 'Tokyo' needs at least one range"));
        assertTrue(problemsOf("regions: [\n").get(0).message().startsWith("not valid YAML"));
    }

    @Test
    void theBundledTextsQuoteTheBundledRangesOnceLoaded() {
        RuleSet rules = TestRules.bundled();
        assertFalse(rules.sendingIpRanges().isEmpty());
        String ranges = rules.sendingIpRanges().format();
        for (String lang : List.of("en", "ja")) {
            String text = rules.messages().text(Category.REPUTATION_BLOCK, lang).remediation();
            assertTrue(text.contains(ranges), text);
            assertFalse(text.contains("{"), text);
        }
    }

    @Test
    void withoutTheDataFileTheTextsSayWhomToAsk(@TempDir Path tmp) throws Exception {
        Path rules = TestRules.copyOfRules(tmp);
        Files.delete(rules.resolve(FILE));
        try (RuleSet loaded = RuleSetLoader.load(rules)) {
            assertTrue(loaded.sendingIpRanges().isEmpty());
            String en = loaded.messages().text(Category.REPUTATION_BLOCK, "en").remediation();
            assertTrue(en.contains("Ask our support for the current list of sending IP ranges"), en);
            assertFalse(en.contains("192.0.2.0/24") || en.contains("{"), en);
            assertTrue(loaded.messages().text(Category.REPUTATION_BLOCK, "ja").remediation()
                    .contains("サポート窓口にお問い合わせください"));
        }
    }

    @Test
    void aBadRangeRefusesTheRuleSetAtFileAndLine(@TempDir Path tmp) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        Files.writeString(rules.resolve(FILE), "regions:\n  - name: Tokyo\n    ranges:\n      - 192.0.2.0/40\n");
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(rules));
        assertEquals(FILE, e.problems().get(0).file());
        assertEquals(4, e.problems().get(0).line());
    }

    @Test
    void anUnknownPlaceholderIsALoadError(@TempDir Path tmp) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        Path en = rules.resolve("messages/en.yaml");
        Files.writeString(en, Files.readString(en).replace("{sendingIpRanges}", "{sendingIPRanges}"));
        RuleSetException e = assertThrows(RuleSetException.class, () -> RuleSetLoader.load(rules));
        assertTrue(e.problems().stream().anyMatch(p -> p.message().contains("unknown placeholder {sendingIPRanges}")
                && "messages/en.yaml".equals(p.file())), e.problems().toString());
    }
}
