package org.bounceclassifier.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.mail.ClassifiedMessage;
import org.bounceclassifier.mail.MailParser;
import org.bounceclassifier.mail.ParsedMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Whatever arrives as a raw e-mail, parsing and classifying it never throws: random bytes, random
 * header-and-MIME-shaped text, and damaged copies of every bounce fixture (bytes replaced, inserted
 * or removed: broken boundaries, truncated base64, charsets that lie). Inputs that ever broke this
 * are kept in {@code src/test/resources/fuzz-regressions/mime/} (base64, one per file).
 */
class RawMessageFuzzTest {
    private static final Path FIXTURES = Path.of("src/test/resources/bounces");
    private static final Path REGRESSIONS = Path.of("src/test/resources/fuzz-regressions/mime");
    private static final MailParser PARSER = new MailParser();
    private static final int MAX_BYTES = 2000;
    private static final int MUTANTS_PER_FIXTURE = 12;
    private static final String[] MIME_TOKENS = {"From: ", "To: ", "Subject: ", "Content-Type: ",
        "multipart/report; report-type=delivery-status; boundary=\"b\"", "message/delivery-status",
        "message/global-delivery-status", "message/feedback-report", "text/plain; charset=ISO-2022-JP",
        "charset=\"shift_jis\"", "Content-Transfer-Encoding: base64", "Content-Transfer-Encoding: quoted-printable",
        "--b", "--b--", "\r\n", "\r\n\r\n", "Final-Recipient: rfc822; ", "Action: failed", "Action: delayed",
        "Status: 5.1.1", "Diagnostic-Code: smtp; 550 5.1.1 user unknown", "=?UTF-8?B?5LiN5Zyo?=", "=?", "?=",
        "Auto-Submitted: auto-replied", "Feedback-Type: abuse", "taro@example.jp", "\u001b$B", "=E3=81=82",
        "AAAA", "====", ";", "\"", "<", ">"};

    @BeforeAll
    static void announceSeed() {
        System.out.println("MIME fuzz: seed " + Fuzz.SEED + " (replay with -Dfuzz.seed=" + Fuzz.SEED + ")");
    }

    @TestFactory
    Stream<DynamicTest> keptRegressionInputs() throws IOException {
        return Fuzz.regressions(REGRESSIONS, b -> check(b));
    }

    @Test
    void randomBytes() {
        Fuzz fuzz = new Fuzz(Fuzz.SEED + 10);
        for (int i = 0; i < Fuzz.TRIES; i++) {
            check(fuzz.bytes(MAX_BYTES));
        }
    }

    @Test
    void mimeShapedText() {
        Fuzz fuzz = new Fuzz(Fuzz.SEED + 11);
        for (int i = 0; i < Fuzz.TRIES; i++) {
            StringBuilder sb = new StringBuilder();
            int n = fuzz.nextInt(60);
            for (int t = 0; t < n; t++) {
                sb.append(fuzz.nextInt(5) == 0 ? fuzz.randomString(10) : MIME_TOKENS[fuzz.nextInt(MIME_TOKENS.length)]);
            }
            check(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void damagedFixtures() throws IOException {
        Fuzz fuzz = new Fuzz(Fuzz.SEED + 12);
        List<Path> fixtures;
        try (Stream<Path> walk = Files.walk(FIXTURES)) {
            fixtures = walk.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
        for (Path fixture : fixtures) {
            byte[] original = Files.readAllBytes(fixture);
            for (int i = 0; i < MUTANTS_PER_FIXTURE; i++) {
                check(fuzz.mutate(original));
            }
        }
    }

    private static void check(byte[] raw) {
        try {
            ParsedMessage parsed = PARSER.parse(raw);
            ClassifiedMessage classified = ClassifiedMessage.classify(parsed, TestRules.bundled(), "en");
            assertNotNull(classified.kind());
            classified.results().forEach(r -> assertNotNull(r.classification().category()));
        } catch (RuntimeException e) {
            fail("parsing or classifying threw " + e + " on (base64) " + Base64.getEncoder().encodeToString(raw), e);
        }
    }
}
