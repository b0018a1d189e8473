package org.bounceclassifier.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bounceclassifier.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory per message is bounded: a 20 MB bounce e-mail whose attachments make up almost all of it
 * classifies in a JVM whose whole heap is 48 MB (the rules included), because attachments stream
 * past undecoded. Holding the message, or decoding its attachments, would not fit.
 *
 * <p>The heap is the rule set's loading peak plus less than the message: loading the 540 rules this
 * test was first written with peaked just under 40 MB, the 613 rules of issue 14 at about 42 MB.
 * 48 MB still leaves no room to hold the 20 MB message or its 15 MB of decoded attachments.
 */
class LargeMessageIT {
    private static final String HEAP = "-Xmx48m";
    private static final long MESSAGE_BYTES = 20L * 1024 * 1024;
    private static final String BOUNDARY = "report-boundary";

    @Test
    void aTwentyMegabyteBounceClassifiesInAFortyEightMegabyteHeap(@TempDir Path tmp) throws Exception {
        Path eml = writeBounceWithAttachments(tmp.resolve("large.eml"));
        assertTrue(Files.size(eml) >= MESSAGE_BYTES, "the message is " + Files.size(eml) + " bytes");
        Path out = tmp.resolve("out.json");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-jar", ServiceProcess.JAR.toString(), "classify", "--lang", "en", "--rules", "rules",
                "--message", eml.toString())
                .redirectOutput(out.toFile()).redirectError(tmp.resolve("err.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "classify did not finish");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("err.txt")));
        JsonObject answer = new JsonObject(Files.readString(out));
        JsonObject first = answer.getJsonArray("results").getJsonObject(0);
        assertEquals("yamada@example.jp", first.getString("recipient"), answer.encode());
        assertEquals("bad_mailbox", first.getString("category"), answer.encode());
    }

    /** A DSN (notice, delivery-status, returned message) with a large zip and a large returned PDF. */
    private static Path writeBounceWithAttachments(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write(String.join("\n", List.of(
                    "From: MAILER-DAEMON@mx.example.net",
                    "To: bounces@sender.example.com",
                    "Subject: Undelivered Mail Returned to Sender",
                    "Message-ID: <large-1@mx.example.net>",
                    "MIME-Version: 1.0",
                    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + BOUNDARY + "\"",
                    "",
                    "--" + BOUNDARY,
                    "Content-Type: text/plain; charset=us-ascii",
                    "",
                    "I'm sorry to have to inform you that your message could not be delivered.",
                    "<yamada@example.jp>: host mx.example.jp said: 550 5.1.1 <yamada@example.jp>: Recipient address"
                            + " rejected: User unknown in virtual mailbox table",
                    "",
                    "--" + BOUNDARY,
                    "Content-Type: message/delivery-status",
                    "",
                    "Reporting-MTA: dns; mx.example.net",
                    "",
                    "Final-Recipient: rfc822; yamada@example.jp",
                    "Action: failed",
                    "Status: 5.1.1",
                    "Diagnostic-Code: smtp; 550 5.1.1 <yamada@example.jp>: Recipient address rejected: User unknown",
                    "",
                    "--" + BOUNDARY,
                    "Content-Type: application/zip; name=\"catalogue.zip\"",
                    "Content-Transfer-Encoding: base64",
                    "Content-Disposition: attachment; filename=\"catalogue.zip\"",
                    "",
                    "")));
            writeBase64Lines(w, MESSAGE_BYTES * 3 / 4);
            w.write(String.join("\n", List.of(
                    "--" + BOUNDARY,
                    "Content-Type: message/rfc822",
                    "",
                    "From: news@sender.example.com",
                    "To: yamada@example.jp",
                    "Subject: November catalogue",
                    "MIME-Version: 1.0",
                    "Content-Type: application/pdf",
                    "Content-Transfer-Encoding: base64",
                    "",
                    "")));
            writeBase64Lines(w, MESSAGE_BYTES / 4 + 1024);
            w.write("--" + BOUNDARY + "--\n");
        }
        return file;
    }

    private static void writeBase64Lines(BufferedWriter w, long bytes) throws IOException {
        String line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0";
        for (long written = 0; written < bytes; written += line.length() + 1) {
            w.write(line);
            w.write('\n');
        }
    }
}
