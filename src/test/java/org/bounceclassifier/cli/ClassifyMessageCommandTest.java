package org.bounceclassifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.mail.BounceFixtures;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code classify --message FILE} (and {@code -} for standard input), as the README shows it. */
class ClassifyMessageCommandTest {
    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void classifiesEveryRecipientOfAMessageFile() {
        CliRun r = run("classify", "--rules", TestRules.RULES.toString(), "--lang", "en",
                "--message", BounceFixtures.ROOT.resolve("exim/two-recipients.eml").toString());
        assertEquals(0, r.exit(), r.err());
        JsonObject body = new JsonObject(r.out());
        assertEquals("non_standard_bounce", body.getString("messageKind"));
        assertEquals("exim", body.getString("layout"));
        assertEquals("y.kimura@example.invalid", body.getJsonArray("results").getJsonObject(0).getString("recipient"));
        assertEquals("bad_domain", body.getJsonArray("results").getJsonObject(0).getString("category"));
        assertEquals("mailbox_full", body.getJsonArray("results").getJsonObject(1).getString("category"));
    }

    @Test
    void readsTheMessageFromStandardInputWithADash() throws Exception {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(BounceFixtures.ROOT.resolve("arf/yahoo-abuse.eml"))));
            CliRun r = run("classify", "--rules", TestRules.RULES.toString(), "--message", "-");
            assertEquals(0, r.exit(), r.err());
            JsonObject body = new JsonObject(r.out());
            assertEquals("feedback_report", body.getString("messageKind"));
            assertEquals("complaint", body.getJsonArray("results").getJsonObject(0).getString("category"));
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void refusesAMissingFileAnEmptyMessageAndJsonWithAMessage() throws Exception {
        CliRun missing = run("classify", "--rules", TestRules.RULES.toString(), "--message", "no/such/file.eml");
        assertEquals(ClassifyCommand.EXIT_BAD_INPUT, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());

        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream(new byte[0]));
            CliRun empty = run("classify", "--rules", TestRules.RULES.toString(), "--message", "-");
            assertEquals(ClassifyCommand.EXIT_BAD_INPUT, empty.exit());
            assertTrue(empty.err().contains("empty"), empty.err());
        } finally {
            System.setIn(stdin);
        }

        CliRun both = run("classify", "--rules", TestRules.RULES.toString(), "--message",
                BounceFixtures.ROOT.resolve("exim/user-unknown.eml").toString(), "{\"smtpCode\": 550}");
        assertEquals(ClassifyCommand.EXIT_BAD_INPUT, both.exit());
    }
}
