package org.bounceclassifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bounceclassifier.TestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate --impact}: a rules repository's CI sees what an edit does to an exported traffic
 * sample, against the rules that serve, and can refuse it with {@code --max-impact}.
 */
class ValidateImpactTest {
    /** Three bounces of a full mailbox (one input) and one of an unknown user, as the service exports them. */
    private static final String SAMPLE = """
            {"smtpCode":452,"enhancedStatus":"4.2.2","diagnostic":"452 4.2.2 <***@example.jp>: Mailbox full",\
            "recipientDomain":"example.jp","dsnAction":"failed","softBounces":0,"count":3,\
            "firstSeen":"2026-12-01T09:00:00Z","lastSeen":"2026-12-01T10:00:00Z"}
            {"smtpCode":550,"enhancedStatus":"5.1.1","diagnostic":"550 5.1.1 <***@example.net>: User unknown",\
            "recipientDomain":"example.net","softBounces":0,"count":1,\
            "firstSeen":"2026-12-01T09:00:00Z","lastSeen":"2026-12-01T09:00:00Z"}
            """;

    /** Full mailboxes given up at once; the cases that expect a retry are left out (an empty cases directory). */
    private static Path editedRules(Path tmp) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        Path remediation = rules.resolve("remediation.drl");
        String before = Files.readString(remediation);
        String after = before.replace("    $d : Decision( category == Category.MAILBOX_FULL )\nthen\n"
                + "    $d.remediate(kcontext, Action.RETRY, hours(6));", "    $d : Decision( category == Category.MAILBOX_FULL )\n"
                + "then\n    $d.remediate(kcontext, Action.SUPPRESS, null);");
        assertFalse(before.equals(after), "the edit must apply to the bundled rules");
        Files.writeString(remediation, after);
        return rules;
    }

    @Test
    void theImpactReportShowsTransitionsAndTheLimitRefuses(@TempDir Path tmp) throws IOException {
        Path rules = editedRules(tmp);
        Path cases = Files.createDirectories(tmp.resolve("no-cases"));
        Path sample = Files.writeString(tmp.resolve("sample.ndjson"), SAMPLE);
        String[] common = {"validate", "--rules", rules.toString(), "--rules-tests", cases.toString(), "--impact",
                "--traffic", sample.toString(), "--baseline", TestRules.RULES.toString()};

        CliRun text = CliRun.of(common);
        assertEquals(0, text.exit(), text.out() + text.err());
        assertTrue(text.out().contains("sample: 4 bounces, 2 distinct inputs"), text.out());
        assertTrue(text.out().contains("would change: 3 bounces (75.0%), 1 input"), text.out());
        assertTrue(text.out().contains("mailbox_full/soft/retry -> mailbox_full/soft/suppress: 3 bounces (75.0%)"),
                text.out());
        assertTrue(text.out().contains("3x [452 4.2.2] \"452 4.2.2 <***@example.jp>: Mailbox full\" (example.jp)"),
                text.out());

        CliRun limited = CliRun.of(append(common, "--max-impact", "50"));
        assertEquals(ValidateCommand.EXIT_REJECTED, limited.exit(), limited.out() + limited.err());
        assertTrue(limited.out().contains("REFUSED: the new rules would change 75.0% of the traffic sample's answers"
                + " (3 of 4 bounces), more than --max-impact 50%"), limited.out());

        CliRun json = CliRun.of(append(common, "--json", "--max-impact", "80"));
        assertEquals(0, json.exit(), json.out() + json.err());
        JsonObject impact = new JsonObject(json.out()).getJsonObject("impact");
        assertEquals(0.75, impact.getDouble("share"), 1e-9);
        assertEquals(80.0, impact.getDouble("maxImpactPercent"));
        assertFalse(impact.getBoolean("overLimit"));
        assertEquals("suppress", impact.getJsonArray("transitions").getJsonObject(0).getJsonObject("to")
                .getString("action"));
    }

    @Test
    void wrongImpactOptionsAreNamedBeforeAnythingCompiles(@TempDir Path tmp) throws IOException {
        Path sample = Files.writeString(tmp.resolve("sample.ndjson"), SAMPLE);
        Path broken = Files.writeString(tmp.resolve("broken.ndjson"), SAMPLE + "{\"count\": \"many\"}\n");
        String rules = TestRules.RULES.toString();
        assertOptionError("--traffic", "validate", "--impact", "--baseline", rules);
        assertOptionError("--baseline", "validate", "--impact", "--traffic", sample.toString());
        assertOptionError("go with --impact", "validate", "--traffic", sample.toString());
        assertOptionError("--max-impact must be a percentage from 0 to 100", "validate", "--impact", "--traffic",
                sample.toString(), "--baseline", rules, "--max-impact", "150");
        assertOptionError("--traffic " + broken + " line 3", "validate", "--impact", "--traffic", broken.toString(),
                "--baseline", rules);
        assertOptionError("--baseline " + tmp.resolve("nowhere") + " is not a directory", "validate", "--impact",
                "--traffic", sample.toString(), "--baseline", tmp.resolve("nowhere").toString());
    }

    private static void assertOptionError(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(ValidateCommand.EXIT_USAGE, r.exit(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertEquals("", r.out(), "nothing was compiled or reported");
    }

    private static String[] append(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
