package org.bounceclassifier.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader's limits and edge cases, and the field syntax of delivery-status reports. */
class MailParserTest {
    private static final MailParser PARSER = new MailParser();

    private static final String DSN_PART = """
            --b1
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mta.shop.example

            Final-Recipient: rfc822; kimura@example.jp
            Action: failed
            Status: 5.1.1
            Diagnostic-Code: smtp; 550 5.1.1 <kimura@example.jp>: User unknown

            """;

    private static String report(String partsBeforeDsn) {
        return """
                From: MAILER-DAEMON@mta.shop.example
                To: bounces@shop.example
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                """ + partsBeforeDsn + DSN_PART + "--b1--\n";
    }

    private static ParsedMessage parse(String raw) {
        return PARSER.parse(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aHugeAttachmentWithoutLineBreaksBeforeTheReportDoesNotHideIt() {
        String blob = "QUJD".repeat(256 * 1024);
        ParsedMessage parsed = parse(report("--b1\nContent-Type: application/octet-stream\n"
                + "Content-Transfer-Encoding: base64\n\n" + blob + "\n"));
        assertEquals(MessageKind.DSN, parsed.kind());
        assertEquals("kimura@example.jp", parsed.recipients().get(0).recipient());
    }

    @Test
    void aLargeMessageIsStreamedAndOnlyTheCapIsReadOfAText() {
        // 20 MB of attachment generated on the fly: nothing here holds it in memory
        InputStream attachment = new RepeatedLine("A".repeat(76) + "\n", 20L * 1024 * 1024);
        String head = report("--b1\nContent-Type: text/plain\n\n" + "The mail system.\n".repeat(10_000)).replace(
                DSN_PART + "--b1--\n", DSN_PART + "--b1\nContent-Type: application/zip\nContent-Transfer-Encoding: base64\n\n");
        InputStream raw = new SequenceInputStream(Collections.enumeration(List.of(
                new ByteArrayInputStream(head.getBytes(StandardCharsets.US_ASCII)), attachment,
                new ByteArrayInputStream("\n--b1--\n".getBytes(StandardCharsets.US_ASCII)))));
        MailView view = MailReader.read(raw);
        assertTrue(view.text().length() <= MailLimits.MAX_TEXT_PART_BYTES, "text was capped: " + view.text().length());
        assertEquals(1, view.deliveryStatus().size());
        assertEquals(MessageKind.DSN, PARSER.parse(view).kind());
    }

    /** A stream of the same line, up to a number of bytes, made as it is read. */
    private static final class RepeatedLine extends InputStream {
        private final byte[] line;
        private final long total;
        private long position;

        RepeatedLine(String line, long total) {
            this.line = line.getBytes(StandardCharsets.US_ASCII);
            this.total = total;
        }

        @Override
        public int read() {
            return position >= total ? -1 : line[(int) (position++ % line.length)];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = line[(int) (position++ % line.length)];
            }
            return n;
        }
    }

    @Test
    void decodesFoldedEncodedWordsAndRawEightBitHeaders() {
        byte[] head = ("From: =?UTF-8?B?44Oh44O844Or6YWN5L+h?=\n =?UTF-8?B?44K344K544OG44Og?= <postmaster@example.jp>\n"
                + "Subject: =?ISO-2022-JP?B?GyRCR1s/LhsoQg==?=\n =?ISO-2022-JP?B?GyRCJSglaSE8GyhC?=\n"
                + "X-Note: ").getBytes(StandardCharsets.US_ASCII);
        byte[] raw8 = "配信エラー\n\nbody\n".getBytes(java.nio.charset.Charset.forName("windows-31j"));
        byte[] all = new byte[head.length + raw8.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(raw8, 0, all, head.length, raw8.length);
        MailView view = MailReader.read(new ByteArrayInputStream(all));
        assertEquals("配信エラー", view.subject());
        assertEquals("配信エラー", view.header("X-Note"));
        assertEquals("postmaster@example.jp", view.fromAddress());
        assertEquals("メール配信システム", view.headers().displayName("From"));
    }

    @Test
    void theReturnedMessageIsNeverReadAsTheNotice() {
        // a person forwarding a bounce as an attachment is not a bounce
        ParsedMessage parsed = parse("""
                From: Taro <taro@example.jp>
                To: bounces@shop.example
                Subject: Fwd: what is this?
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="x"

                --x
                Content-Type: text/plain

                I got this, can you check?
                --x
                Content-Type: message/rfc822

                From: MAILER-DAEMON@mail.example.jp
                Subject: Undelivered Mail Returned to Sender

                This is the mail system at host mail.example.jp.

                <hanako@example.jp>: host mx.example.jp[192.0.2.1] said: 550 5.1.1 User unknown
                --x--
                """);
        assertEquals(MessageKind.NOT_A_BOUNCE, parsed.kind());
    }

    @Test
    void emptyAndGarbageInputIsNotABounce() {
        assertEquals(MessageKind.NOT_A_BOUNCE, PARSER.parse(new byte[0]).kind());
        assertEquals(MessageKind.NOT_A_BOUNCE, PARSER.parse(new byte[] {0, 1, 2, (byte) 0xff, '\n', '\n', 3}).kind());
    }

    @Test
    void autoSubmittedNoIsNotAnAutoReply() {
        ParsedMessage parsed = parse("From: a@example.jp\nAuto-Submitted: no\nSubject: Hello\n\nhi\n");
        assertEquals(MessageKind.NOT_A_BOUNCE, parsed.kind());
    }

    @Test
    void deliveryStatusFieldSyntax() {
        assertEquals("user+tag@example.jp", DeliveryStatusReader.address("rfc822; <user+2Btag@example.jp>"));
        assertEquals("太郎@例え.jp", DeliveryStatusReader.address("utf-8; \\x{592A}\\x{90CE}@例え.jp"));
        assertEquals("plain@example.jp", DeliveryStatusReader.address("plain@example.jp"));
        assertNull(DeliveryStatusReader.address("rfc822;"));
        assertEquals("mx1.example.jp", DeliveryStatusReader.host("dns; mx1.example.jp. (192.0.2.25)"));
        assertEquals("192.0.2.25", DeliveryStatusReader.host("dns; [192.0.2.25]"));
        assertEquals("5.4.6", DeliveryStatusReader.status("5.4.6 (mail loop)"));
        assertNull(DeliveryStatusReader.status("failed"));
        assertEquals("550 5.1.1 User unknown", DeliveryStatusReader.withoutType("smtp; 550 5.1.1 User unknown"));
        assertEquals("mail for example.org loops back to myself",
                DeliveryStatusReader.withoutType("X-Postfix; mail for example.org loops back to myself"));
    }

    @Test
    void aReportWithoutRecipientBlocksIsReadAsText() {
        ParsedMessage parsed = parse("""
                From: MAILER-DAEMON@mail.example.org
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="r"

                --r
                Content-Type: text/plain

                This is the mail system at host mail.example.org.

                <endo@example.org>: host mx.example.org[203.0.113.5] said: 552 5.2.2 Mailbox full
                --r
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mail.example.org
                --r--
                """);
        assertEquals(MessageKind.NON_STANDARD_BOUNCE, parsed.kind());
        assertEquals("postfix", parsed.layout());
        assertEquals("endo@example.org", parsed.recipients().get(0).recipient());
        assertEquals("mx.example.org", parsed.recipients().get(0).input().remoteMta());
    }
}
