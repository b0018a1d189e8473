package org.bounceclassifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.ledger.LedgerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands a deliverability expert runs: test-rules and classify. */
class CliTest {
    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void testRulesPassesOnTheBundledRules() {
        CliRun r = run("test-rules", "--rules", TestRules.RULES.toString(), "--rules-tests", TestRules.CASES.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().lines().reduce((a, b) -> b).orElse("").matches("\\d+ passed, 0 failed"), r.out());
    }

    @Test
    void testRulesFailsOnAWrongCaseAndSaysWhy(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("wrong.yaml"), """
                - name: a dead mailbox expected to be full
                  input:
                    smtpCode: 550
                    enhancedStatus: "5.1.1"
                    diagnostic: "550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown"
                  expect:
                    category: mailbox_full
                """);
        CliRun r = run("test-rules", "--rules", TestRules.RULES.toString(), "--rules-tests", dir.toString());
        assertEquals(TestRulesCommand.EXIT_FAILED, r.exit());
        assertTrue(r.out().contains("FAIL wrong.yaml: a dead mailbox expected to be full: category: expected "
                + "mailbox_full, got bad_mailbox"), r.out());
        assertTrue(r.out().strip().endsWith("passed, 1 failed"), r.out());
    }

    @Test
    void testRulesWarnsAboutUnexercisedRulesAndPrintsStatistics(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("one.yaml"), """
                - name: Gmail, no such user
                  receiver: Gmail
                  input:
                    diagnostic: "550-5.1.1 The email account that you tried to reach does not exist. - gsmtp"
                  expect:
                    category: bad_mailbox
                """);
        CliRun r = run("test-rules", "--stats", "--rules", TestRules.RULES.toString(), "--rules-tests", dir.toString());
        assertEquals(0, r.exit(), "unexercised rules are a warning, not a failure: " + r.out());
        assertTrue(r.out().contains("WARN text/bad-mailbox.drl:"), r.out());
        assertTrue(r.out().contains("rule \"qmail: no mailbox here by that name\" proposes nothing in any rule case"),
                r.out());
        assertTrue(r.out().contains("| category | text rules | code rules | cases |"), r.out());
        assertTrue(r.out().contains("| Gmail | "), r.out());
        assertTrue(r.out().contains("Cases ending in unknown: 0 of 1 (0.0%)"), r.out());
        assertTrue(r.out().lines().reduce((a, b) -> b).orElse("").matches("\\d+ passed, 0 failed"), r.out());
    }

    @Test
    void testRulesReportsRulesThatDoNotLoad(@TempDir Path tmp) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        Files.writeString(rules.resolve("decision.drl"), "package bounce;\nrule \"x\" when then end end\n");
        CliRun r = run("test-rules", "--rules", rules.toString(), "--rules-tests", TestRules.CASES.toString());
        assertEquals(TestRulesCommand.EXIT_NOT_LOADED, r.exit());
        assertTrue(r.out().contains("decision.drl"), r.out());
    }

    @Test
    void classifyPrintsTheClassificationJson() {
        CliRun r = run("classify", "--rules", TestRules.RULES.toString(), "--lang", "en",
                "{\"smtpCode\": 552, \"diagnostic\": \"552 5.2.2 Mailbox full\"}");
        assertEquals(0, r.exit(), r.err());
        JsonObject body = new JsonObject(r.out());
        assertEquals("mailbox_full", body.getString("category"));
        assertEquals("soft", body.getString("bounceType"));
    }

    @Test
    void classifyNdjsonAnswersEveryLineInOrder(@TempDir Path tmp) throws Exception {
        StringBuilder log = new StringBuilder();
        int lines = 600; // more than two chunks of lines
        for (int i = 0; i < lines; i++) {
            log.append(i == 7 ? "{\"smtpCode\": \"550\"}" : "{\"smtpCode\": " + (400 + i % 200) + "}").append('\n');
        }
        Path file = Files.writeString(tmp.resolve("log.ndjson"), log);
        CliRun r = run("classify", "--rules", TestRules.RULES.toString(), "--lang", "en", "--ndjson", file.toString());
        assertEquals(0, r.exit(), r.err());
        String[] answers = r.out().split("\n");
        assertEquals(lines, answers.length);
        for (int i = 0; i < lines; i++) {
            JsonObject answer = new JsonObject(answers[i]);
            if (i == 7) {
                assertEquals("invalid_field", answer.getString("error"));
                assertTrue(answer.getString("message").startsWith("line 8: "), answer.getString("message"));
            } else {
                assertEquals(400 + i % 200, answer.getInteger("smtpCode"), "line " + (i + 1));
            }
        }
        assertTrue(r.err().contains(lines + " lines, 1 with an error"), r.err());
        assertEquals(ClassifyCommand.EXIT_BAD_INPUT,
                run("classify", "--rules", TestRules.RULES.toString(), "--ndjson", tmp.resolve("missing").toString()).exit());
    }

    @Test
    void classifyRefusesBadJsonWithTheApiMessage() {
        CliRun r = run("classify", "--rules", TestRules.RULES.toString(), "{\"smtpCode\": 42}");
        assertEquals(ClassifyCommand.EXIT_BAD_INPUT, r.exit());
        assertTrue(r.err().contains("invalid_field"), r.err());
    }

    @Test
    void validateAcceptsTheBundledRules() {
        CliRun r = run("validate", "--rules", TestRules.RULES.toString(), "--rules-tests", TestRules.CASES.toString());
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().startsWith("ok: rules "), r.out());
    }

    @Test
    void validateRejectsABrokenRuleWithItsFileAndLine(@TempDir Path tmp) throws IOException {
        Path rules = TestRules.copyOfRules(tmp);
        Path full = rules.resolve("text/mailbox-full.drl");
        Files.writeString(full, Files.readString(full).replaceFirst("\nthen\n", "\nthen oops\n"));
        CliRun r = run("validate", "--rules", rules.toString(), "--rules-tests", TestRules.CASES.toString());
        assertEquals(ValidateCommand.EXIT_REJECTED, r.exit());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("ERROR text/mailbox-full.drl:\\d+: .*")), r.out());
        assertTrue(r.out().contains("rejected"), r.out());

        CliRun json = run("validate", "--json", "--rules", rules.toString(), "--rules-tests", TestRules.CASES.toString());
        assertEquals(ValidateCommand.EXIT_REJECTED, json.exit());
        JsonObject report = new JsonObject(json.out());
        assertEquals("failed", report.getString("status"));
        assertEquals("text/mailbox-full.drl", report.getJsonArray("errors").getJsonObject(0).getString("file"));
    }

    @Test
    void serveFailsFastWhenThePortIsTaken() throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            CliRun r = run("serve", "--port", String.valueOf(taken.getLocalPort()), "--no-watch", "--no-rules-gate",
                    "--rules", TestRules.RULES.toString());
            assertEquals(ServeCommand.EXIT_CANNOT_LISTEN, r.exit());
            assertTrue(r.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), r.err());
            assertTrue(r.err().contains("--port"), r.err());
        }
    }

    @Test
    void serveRefusesAPortOutOfRangeAndALanguageWithoutTextsBeforeCompilingAnything() {
        CliRun port = run("serve", "--port", "70000", "--no-watch", "--rules", TestRules.RULES.toString());
        assertEquals(ServeCommand.EXIT_CANNOT_LISTEN, port.exit());
        assertTrue(port.err().contains("--port must be between 0 and 65535"), port.err());
        assertFalse(port.err().contains("Exception"), port.err());
        CliRun lang = run("serve", "--port", "0", "--lang", "fr", "--no-watch", "--rules", TestRules.RULES.toString());
        assertEquals(ServeCommand.EXIT_RULES_REJECTED, lang.exit());
        assertTrue(lang.err().contains("--lang fr has no texts"), lang.err());
    }

    /** A cases folder with one case the bundled rules answer otherwise, so the gate refuses them. */
    private static Path casesTheRulesFail(Path tmp) throws IOException {
        Path cases = tmp.resolve("cases");
        Files.createDirectories(cases);
        Files.writeString(cases.resolve("wrong.yaml"), """
                - name: wrong on purpose
                  input: {diagnostic: "552 5.2.2 Mailbox full"}
                  expect: {category: bad_mailbox}
                """);
        return cases;
    }

    @Test
    void serveRefusesRulesThatFailTheGate(@TempDir Path tmp) throws IOException {
        Path cases = casesTheRulesFail(tmp);
        CliRun r = run("serve", "--port", "0", "--no-watch", "--rules", TestRules.RULES.toString(),
                "--rules-tests", cases.toString());
        assertEquals(ServeCommand.EXIT_RULES_REJECTED, r.exit());
        assertTrue(r.err().contains("wrong on purpose"), r.err());
    }

    /**
     * A restart opens an existing embedded ledger while the rules compile; rules that cannot serve
     * must still close it, and a first start with such rules must not create one.
     */
    @Test
    void rulesThatCannotServeCreateNoLedgerAndCloseAnExistingOne(@TempDir Path tmp) throws IOException {
        Path cases = casesTheRulesFail(tmp);
        Path data = tmp.resolve("data");
        String[] serve = {"serve", "--port", "0", "--no-watch", "--rules", TestRules.RULES.toString(),
            "--rules-tests", cases.toString(), "--data-dir", data.toString()};
        assertEquals(ServeCommand.EXIT_RULES_REJECTED, run(serve).exit());
        assertFalse(Files.exists(data.resolve(LedgerConfig.EMBEDDED_FILE)), "a first start made no ledger");

        Ledger.open(LedgerConfig.embedded(data, 30)).close();
        long writersBefore = ledgerWriterThreads();
        CliRun restart = run(serve);
        assertEquals(ServeCommand.EXIT_RULES_REJECTED, restart.exit());
        assertTrue(restart.err().contains("wrong on purpose"), restart.err());
        // an open embedded ledger has its writer thread; closing it ends the thread
        assertEquals(writersBefore, ledgerWriterThreads(), "the ledger opened alongside the rules was closed");
        // closed by the refused start: it opens again and answers
        try (Ledger again = Ledger.open(LedgerConfig.embedded(data, 30))) {
            assertTrue(again.checkReadiness().ready(), "the ledger answers after the refused restart");
        }
    }

    private static long ledgerWriterThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("ledger-writer")).count();
    }

    @Test
    void serveBindsToLoopbackUnlessToldOtherwise() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs();
        assertEquals(System.getenv().getOrDefault("BOUNCE_HOST", "127.0.0.1"), serve.host);
        new CommandLine(serve).parseArgs("--host", "0.0.0.0");
        assertEquals("0.0.0.0", serve.host);
    }
}
