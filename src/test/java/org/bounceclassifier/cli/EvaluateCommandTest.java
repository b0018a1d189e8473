package org.bounceclassifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} on a small corpus of the team's own fixtures with labels written here, so every
 * figure of the report can be worked out by hand: five labelled e-mails (seven rows, one of them
 * labelled wrong on purpose, one naming a recipient the e-mail does not report), one file the labels
 * do not name, and one labelled file that is not in the folder.
 */
class EvaluateCommandTest {
    private static final List<String> FIXTURES = List.of("exim/user-unknown.eml", "exim/two-recipients.eml",
            "exim/spam-rejected-base64.eml", "postfix/text-only-delayed.eml", "postfix/dsn-user-unknown.eml",
            "postfix/text-only-user-unknown.eml");
    private static final String LABELS = String.join("\n",
            "file\trecipient\tstatus\treason\taccepted_categories\texpected_type\ttype_exceptions",
            // right: bad_mailbox, hard
            "user-unknown.eml\ttakahashi.mai@example.jp\t5.1.1\tuserunknown\tbad_mailbox\thard\t",
            // two rows paired by recipient: the first right, the second labelled wrong on purpose
            "two-recipients.eml\ty.kimura@example.invalid\t\thostunknown\tbad_domain\thard\t",
            "two-recipients.eml\tabe.shota@example.com\t\tuserunknown\tbad_mailbox\thard\t",
            // the reference says soft; our spam_content is soft: agrees on both
            "spam-rejected-base64.eml\tinoue.kaito@example.co.jp\t5.7.1\tspamdetected\tspam_content\tsoft\t",
            // one row and one result pair whatever the addresses; the type agrees through the exception
            "text-only-delayed.eml\tother@example.org\t\texpired\texpired,delayed\tsoft\tdelayed=none",
            // the first row is right; the second names a recipient the e-mail does not report: not found
            "dsn-user-unknown.eml\tsato.kenji@example.jp\t5.1.1\tuserunknown\tbad_mailbox\thard\t",
            "dsn-user-unknown.eml\tnobody@example.org\t5.1.1\tuserunknown\tbad_mailbox\thard\t",
            // a file the folder does not have: not found either
            "gone.eml\t\t\tuserunknown\tbad_mailbox\thard\t",
            "");

    @TempDir
    static Path dir;
    static Path corpus;
    static Path labels;

    @BeforeAll
    static void writeCorpus() throws IOException {
        corpus = Files.createDirectories(dir.resolve("corpus"));
        for (String fixture : FIXTURES) {
            Files.write(corpus.resolve(Path.of(fixture).getFileName().toString()), fixture(fixture));
        }
        Files.writeString(corpus.resolve("notes.txt"), "not an e-mail: only *.eml files are read");
        labels = dir.resolve("labels.tsv");
        Files.writeString(labels, LABELS);
    }

    @Test
    void scoresAFolderAgainstItsLabels() throws IOException {
        Path detail = dir.resolve("detail.ndjson");
        CliRun run = CliRun.of("evaluate", "--corpus", corpus.toString(), "--labels", labels.toString(),
                "--detail", detail.toString());
        assertEquals(0, run.exit(), run.err());
        // 8 rows: 5 agree on category (takahashi.mai, y.kimura, inoue.kaito, the delayed one, sato.kenji);
        // abe.shota is mailbox_full, labelled bad_mailbox; nobody@ and gone.eml are not found.
        // Hard/soft: the same 5 agree.
        assertTrue(run.out().contains("files                6 (1 without labels)"), run.out());
        assertTrue(run.out().contains("recipients expected  8, found 6 (75.0 %), results no row named 0"), run.out());
        assertTrue(run.out().contains("category agreement   5 of 8 (62.5 %)"), run.out());
        assertTrue(run.out().contains("hard/soft agreement  5 of 8 (62.5 %)"), run.out());
        // abe.shota: mailbox_full is soft where the reference says hard
        assertTrue(run.out().contains("false soft           1"), run.out());
        assertTrue(run.out().contains("x userunknown      -> mailbox_full"), run.out());
        assertTrue(run.out().contains("x userunknown      -> (none)"), run.out());
        String last = run.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertEquals("evaluate: category 62.5% hardsoft 62.5% found 75.0% falsehard 0 unknown 0.0%", last);

        List<String> lines = Files.readAllLines(detail);
        // 8 labelled rows, plus the result of the file the labels do not name
        assertEquals(9, lines.size(), String.join("\n", lines));
        JsonObject abe = lines.stream().map(JsonObject::new)
                .filter(j -> "abe.shota@example.com".equals(j.getString("recipient"))).findFirst().orElseThrow();
        assertEquals("mailbox_full", abe.getString("category"));
        assertEquals(false, abe.getBoolean("categoryAgrees"));
        assertEquals(true, abe.getBoolean("falseSoft"));
    }

    @Test
    void jsonSummaryCarriesTheSameFigures() {
        CliRun run = CliRun.of("evaluate", "--corpus", corpus.toString(), "--labels", labels.toString(), "--json");
        assertEquals(0, run.exit(), run.err());
        JsonObject summary = new JsonObject(run.out().strip());
        assertEquals(8, summary.getInteger("recipientsExpected"));
        assertEquals(6, summary.getInteger("recipientsFound"));
        assertEquals(5, summary.getInteger("categoryAgreements"));
        assertEquals(62.5, summary.getDouble("categoryPercent"));
        assertEquals(1, summary.getInteger("falseSoft"));
        assertEquals(0, summary.getInteger("extraResults"));
    }

    @Test
    void withoutLabelsPrintsOneAnswerPerRecipient() {
        CliRun run = CliRun.of("evaluate", "--corpus", corpus.toString());
        assertEquals(0, run.exit(), run.err());
        List<JsonObject> answers = run.out().lines().map(JsonObject::new).toList();
        // two-recipients has two, the other five one each
        assertEquals(7, answers.size(), run.out());
        JsonObject first = answers.stream().filter(a -> "user-unknown.eml".equals(a.getString("file")))
                .findFirst().orElseThrow();
        assertEquals("bad_mailbox", first.getString("category"));
        assertEquals("takahashi.mai@example.jp", first.getString("recipient"));
        assertEquals("non_standard_bounce", first.getString("messageKind"));
    }

    @Test
    void anMboxAndAMaildirGiveTheSameAnswersAsTheFolder() throws IOException {
        Path mbox = dir.resolve("bounces.mbox");
        Path maildir = Files.createDirectories(dir.resolve("Maildir"));
        Files.createDirectories(maildir.resolve("cur"));
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("tmp"));
        StringBuilder box = new StringBuilder();
        int n = 0;
        for (String fixture : FIXTURES) {
            String text = new String(fixture(fixture), StandardCharsets.UTF_8).replace("\r\n", "\n");
            // a body line starting "From " is quoted in an mbox and must come back unquoted
            box.append("From MAILER-DAEMON Thu Dec  3 10:00:00 2026\n")
                    .append(text.replaceAll("(?m)^From ", ">From ")).append("\n");
            Files.writeString(maildir.resolve(n % 2 == 0 ? "cur" : "new").resolve("17000000" + n + ".M1P1.host:2,S"),
                    text);
            n++;
        }
        Files.writeString(mbox, box.toString());
        CliRun fromMbox = CliRun.of("evaluate", "--mbox", mbox.toString());
        CliRun fromMaildir = CliRun.of("evaluate", "--maildir", maildir.toString());
        CliRun fromFolder = CliRun.of("evaluate", "--corpus", corpus.toString());
        assertEquals(0, fromMbox.exit(), fromMbox.err());
        assertEquals(0, fromMaildir.exit(), fromMaildir.err());
        assertEquals(categories(fromFolder), categories(fromMbox));
        assertEquals(categories(fromFolder), categories(fromMaildir));
        assertTrue(fromMbox.out().contains("\"file\":\"bounces.mbox#6\""), fromMbox.out());
    }

    @Test
    void aFileHoldingTwoMessagesIsScoredAsOneFileWithBothResults() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("excerpt"));
        String first = new String(fixture("exim/user-unknown.eml"), StandardCharsets.UTF_8).replace("\r\n", "\n");
        String second = new String(fixture("postfix/dsn-user-unknown.eml"), StandardCharsets.UTF_8)
                .replace("\r\n", "\n");
        // as an archive concatenates them: mbox "From " lines, no blank line before the second
        Files.writeString(folder.resolve("two.eml"), "From MAILER-DAEMON  Thu Jul  2 12:05:05 2026\n" + first
                + "From double-bounce@example.net  Thu Jul  2 12:05:06 2026\n" + second);
        Files.writeString(folder.resolve("one.eml"), "From MAILER-DAEMON  Thu Jul  2 12:05:05 2026\n" + first);
        Path twoLabels = dir.resolve("two-labels.tsv");
        Files.writeString(twoLabels, String.join("\n",
                "file\trecipient\tstatus\treason\taccepted_categories\texpected_type\ttype_exceptions",
                "two.eml\ttakahashi.mai@example.jp\t5.1.1\tuserunknown\tbad_mailbox\thard\t",
                "two.eml\tsato.kenji@example.jp\t5.1.1\tuserunknown\tbad_mailbox\thard\t",
                "one.eml\ttakahashi.mai@example.jp\t5.1.1\tuserunknown\tbad_mailbox\thard\t", ""));
        CliRun run = CliRun.of("evaluate", "--corpus", folder.toString(), "--labels", twoLabels.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("files                2 (0 without labels)"), run.out());
        assertTrue(run.out().contains("recipients expected  3, found 3 (100.0 %)"), run.out());
    }

    @Test
    void aBrokenLabelsFileSaysWhichLineAndWhy() throws IOException {
        Path bad = dir.resolve("bad-labels.tsv");
        Files.writeString(bad, "file\trecipient\treason\taccepted_categories\texpected_type\n"
                + "a.eml\tx@example.com\tuserunknown\tno_such_category\thard\n");
        CliRun run = CliRun.of("evaluate", "--corpus", corpus.toString(), "--labels", bad.toString());
        assertEquals(EvaluateCommand.EXIT_BAD_INPUT, run.exit());
        assertTrue(run.err().contains("bad-labels.tsv:2: 'no_such_category' is not a category id"), run.err());

        Files.writeString(bad, "file\trecipient\n");
        run = CliRun.of("evaluate", "--corpus", corpus.toString(), "--labels", bad.toString());
        assertEquals(EvaluateCommand.EXIT_BAD_INPUT, run.exit());
        assertTrue(run.err().contains("the header has no column 'reason'"), run.err());
    }

    @Test
    void aMissingSourceIsAClearError() {
        CliRun run = CliRun.of("evaluate", "--corpus", dir.resolve("nowhere").toString());
        assertEquals(EvaluateCommand.EXIT_BAD_INPUT, run.exit());
        assertTrue(run.err().contains("--corpus: no such folder"), run.err());
        run = CliRun.of("evaluate", "--maildir", corpus.toString());
        assertEquals(EvaluateCommand.EXIT_BAD_INPUT, run.exit());
        assertTrue(run.err().contains("is not a maildir"), run.err());
    }

    /** The category of each answer in order, the file names left out (they differ by source). */
    private static List<String> categories(CliRun run) {
        return run.out().lines().map(JsonObject::new).map(j -> j.getString("recipient") + " " + j.getString("category"))
                .sorted().toList();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = EvaluateCommandTest.class.getResourceAsStream("/bounces/" + name)) {
            return in.readAllBytes();
        }
    }
}
