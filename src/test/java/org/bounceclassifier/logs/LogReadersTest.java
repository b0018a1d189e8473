package org.bounceclassifier.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each MTA's reader on log lines the team wrote in that MTA's documented format. */
class LogReadersTest {

    @Test
    void postfixReadsBouncedDeferredSentAndExpiredWithTheQueueId() throws IOException {
        List<LogRecord> r = read(LogFormat.POSTFIX, "postfix.log");
        assertEquals(5, r.size(), r.toString()); // the connect and "removed" lines record no attempt
        LogRecord bounced = r.get(0);
        assertEquals("4F1A22C0D1", bounced.messageId());
        assertEquals(LogRecord.Outcome.FAILED, bounced.outcome());
        assertEquals("taro@example.jp", bounced.input().recipient());
        assertEquals("5.1.1", bounced.input().enhancedStatus());
        assertEquals("mx.example.jp", bounced.input().remoteMta());
        assertTrue(bounced.input().diagnostic().startsWith("host mx.example.jp[192.0.2.25] said: 550 5.1.1"));
        // two deferrals of one queue id: one message
        assertEquals(LogRecord.Outcome.DEFERRED, r.get(1).outcome());
        assertEquals(r.get(1).messageId(), r.get(2).messageId());
        assertNull(r.get(1).input().dsnAction(), "a deferral is classified by its cause");
        assertEquals(LogRecord.Outcome.DELIVERED, r.get(3).outcome());
        assertEquals("delivered", r.get(3).input().dsnAction());
        assertEquals(LogRecord.Outcome.FAILED, r.get(4).outcome());
        assertTrue(r.get(4).input().diagnostic().contains("expired"), r.get(4).input().diagnostic());
        assertNull(r.get(4).input().remoteMta(), "relay=none is no relay");
    }

    @Test
    void eximReadsFailedDeferredAndDeliveredLines() throws IOException {
        List<LogRecord> r = read(LogFormat.EXIM, "exim.log");
        assertEquals(3, r.size(), r.toString());
        assertEquals("1vQ3aB-000Abc-7Z", r.get(0).messageId());
        assertEquals(LogRecord.Outcome.FAILED, r.get(0).outcome());
        assertEquals("SMTP error from remote mail server after RCPT TO:<taro@example.jp>: 550 5.1.1 <taro@example.jp>: User unknown",
                r.get(0).input().diagnostic());
        assertEquals("mx.example.jp", r.get(0).input().remoteMta());
        assertEquals(LogRecord.Outcome.DEFERRED, r.get(1).outcome());
        assertTrue(r.get(1).input().diagnostic().endsWith("451 4.7.1 Greylisted, please try again in 300 seconds"));
        assertEquals(LogRecord.Outcome.DELIVERED, r.get(2).outcome());
        assertEquals("250 2.0.0 OK id=1vQ3aE", r.get(2).input().diagnostic());
    }

    @Test
    void sendmailGivesEachRecipientOfALineItsOwnRecord() throws IOException {
        List<LogRecord> r = read(LogFormat.SENDMAIL, "sendmail.log");
        assertEquals(4, r.size(), r.toString());
        assertEquals("User unknown", r.get(0).input().diagnostic());
        assertEquals("5.1.1", r.get(0).input().enhancedStatus());
        assertEquals("mx.example.jp", r.get(0).input().remoteMta());
        assertEquals("hanako@example.net", r.get(1).input().recipient());
        assertEquals("jiro@example.net", r.get(2).input().recipient());
        assertEquals(LogRecord.Outcome.DEFERRED, r.get(2).outcome());
        assertEquals(LogRecord.Outcome.DELIVERED, r.get(3).outcome());
    }

    @Test
    void kumoMtaKeepsItsOwnClassificationAsEvidence() throws IOException {
        List<LogRecord> r = read(LogFormat.KUMOMTA, "kumomta.log");
        assertEquals(3, r.size(), r.toString()); // Reception and the damaged line give nothing
        assertEquals(LogRecord.Outcome.FAILED, r.get(0).outcome());
        assertEquals("5.1.1", r.get(0).input().enhancedStatus());
        assertTrue(r.get(0).input().diagnostic().startsWith("550 <taro@example.jp>"));
        assertEquals("InvalidRecipient", r.get(0).mtaVerdict().get("kumomta.bounce_classification"));
        assertEquals(LogRecord.Outcome.DEFERRED, r.get(1).outcome());
        assertEquals(LogRecord.Outcome.DELIVERED, r.get(2).outcome());
    }

    @Test
    void powerMtaReadsItsColumnsFromTheHeader() throws IOException {
        List<LogRecord> r = read(LogFormat.PMTA, "pmta.csv");
        assertEquals(3, r.size(), r.toString());
        assertEquals("550 5.1.1 <taro@example.jp>... User unknown", r.get(0).input().diagnostic());
        assertEquals("5.1.1", r.get(0).input().enhancedStatus());
        assertEquals("bad-mailbox", r.get(0).mtaVerdict().get("pmta.bounceCat"));
        assertEquals("job-77:env-1", r.get(0).messageId());
        assertEquals("452 4.2.2 Mailbox full, try again later", r.get(1).input().diagnostic());
        assertEquals(LogRecord.Outcome.DELIVERED, r.get(2).outcome());
        // without a header, a PowerMTA line cannot be read
        assertEquals(List.of(), LogFormat.PMTA.newReader().read("b,2026-12-03,x,y,z"));
    }

    @Test
    void damagedLinesGiveNothingInsteadOfFailing() {
        for (LogFormat f : LogFormat.values()) {
            LogReader reader = f.newReader();
            for (String line : List.of("", "\u0000\u0001", "{", "\"unterminated,quote", "to=<", "status=bounced (")) {
                assertEquals(List.of(), reader.read(line), f + " on " + line);
            }
        }
    }

    private static List<LogRecord> read(LogFormat format, String file) throws IOException {
        LogReader reader = format.newReader();
        List<LogRecord> out = new ArrayList<>();
        try (InputStream in = LogReadersTest.class.getResourceAsStream("/logs/" + file)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                out.addAll(reader.read(line));
            }
        }
        return out;
    }
}
