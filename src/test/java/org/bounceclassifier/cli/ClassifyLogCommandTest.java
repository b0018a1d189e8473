package org.bounceclassifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.Waits;
import org.bounceclassifier.logs.LogFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classify --log FILE --format MTA}: MTA log lines in, one answer per delivery attempt out. */
class ClassifyLogCommandTest {
    @TempDir
    Path dir;

    @Test
    void aPostfixLogGivesOneAnswerPerAttemptWithTheRulesCategories() throws IOException {
        CliRun run = CliRun.of("classify", "--lang", "en", "--log", copy("postfix.log").toString(), "--format", "postfix");
        assertEquals(0, run.exit(), run.err());
        List<JsonObject> answers = answers(run);
        assertEquals(List.of("bad_mailbox", "mailbox_full", "mailbox_full", "delivered", "expired"),
                answers.stream().map(a -> a.getString("category")).toList());
        JsonObject first = answers.get(0);
        assertEquals(2, first.getLong("line"));
        assertEquals("postfix", first.getString("format"));
        assertEquals("4F1A22C0D1", first.getString("messageId"));
        assertEquals("failed", first.getString("outcome"));
        assertEquals("hard", first.getString("bounceType"));
        // the deliveries are answered too, as not a bounce
        assertEquals("none", answers.get(3).getString("bounceType"));
        assertEquals("delivered", answers.get(3).getString("outcome"));
        assertTrue(run.err().contains("7 lines, 5 delivery attempts"), run.err());
    }

    @Test
    void everyFormatIsRead() throws IOException {
        assertCategories("exim", "exim.log", "bad_mailbox", "greylisted", "delivered");
        assertCategories("sendmail", "sendmail.log", "bad_mailbox", "network_temporary", "network_temporary", "delivered");
        assertCategories("pmta", "pmta.csv", "bad_mailbox", "mailbox_full", "delivered");
        List<JsonObject> kumo = assertCategories("kumomta", "kumomta.log", "bad_mailbox", "reputation_block", "delivered");
        // KumoMTA's own verdict travels with the answer, which still comes from the rules
        assertEquals("ReputationRelated", kumo.get(1).getJsonObject("mtaVerdict").getString("kumomta.bounce_classification"));
    }

    @Test
    void wrongOptionsAreClearErrors() throws IOException {
        Path log = copy("postfix.log");
        CliRun run = CliRun.of("classify", "--log", log.toString());
        assertEquals(ClassifyCommand.EXIT_BAD_INPUT, run.exit());
        assertTrue(run.err().contains("--format must be one of postfix, exim, sendmail, kumomta, pmta"), run.err());
        run = CliRun.of("classify", "--log", log.toString(), "--format", "qmail");
        assertTrue(run.err().contains("got qmail"), run.err());
        run = CliRun.of("classify", "--log", "-", "--format", "exim", "--follow");
        assertTrue(run.err().contains("--follow needs a file"), run.err());
        run = CliRun.of("classify", "--log", dir.resolve("none.log").toString(), "--format", "exim");
        assertTrue(run.err().contains("no such file"), run.err());
        run = CliRun.of("classify", "--format", "exim");
        assertTrue(run.err().contains("go with --log FILE"), run.err());
    }

    @Test
    void followingReadsAppendedLinesAcrossRotation() throws Exception {
        Path log = dir.resolve("maillog");
        List<String> lines = Files.readAllLines(copy("exim.log"));
        Files.write(log, lines.subList(0, 2));
        StringWriter out = new StringWriter();
        LogLines answers = new LogLines(LogFormat.EXIM, TestRules.bundled(), "en", new PrintWriter(out));
        try (LogFollower follower = new LogFollower(log, answers::accept, answers::flush, e -> { })) {
            Waits.await("the first answer", () -> out.toString().lines().count() == 1);
            Files.write(log, lines.subList(2, 3), StandardOpenOption.APPEND);
            Waits.await("the appended line answered", () -> out.toString().lines().count() == 2);
            // logrotate: the file is renamed and a new, shorter one takes its name
            Files.move(log, dir.resolve("maillog.1"));
            Files.write(log, lines.subList(3, 4));
            Waits.await("the line of the new file after rotation answered", () -> out.toString().lines().count() == 3);
        }
        List<String> categories = out.toString().lines().map(JsonObject::new).map(j -> j.getString("category")).toList();
        assertEquals(List.of("bad_mailbox", "greylisted", "delivered"), categories);
    }

    private List<JsonObject> assertCategories(String format, String file, String... expected) throws IOException {
        CliRun run = CliRun.of("classify", "--log", copy(file).toString(), "--format", format);
        assertEquals(0, run.exit(), run.err());
        List<JsonObject> answers = answers(run);
        assertEquals(List.of(expected), answers.stream().map(a -> a.getString("category")).toList(), format);
        return answers;
    }

    private static List<JsonObject> answers(CliRun run) {
        return run.out().lines().map(JsonObject::new).toList();
    }

    private Path copy(String name) throws IOException {
        Path to = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/logs/" + name)) {
            Files.write(to, in.readAllBytes());
        }
        return to;
    }
}
