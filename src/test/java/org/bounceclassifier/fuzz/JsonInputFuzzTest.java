package org.bounceclassifier.fuzz;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.api.BounceInputParser;
import org.bounceclassifier.api.InputException;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.Classification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Whatever arrives as a JSON body, the parser either accepts it or refuses it with an
 * {@link InputException} (a 400), and whatever it accepts classifies without an exception: no 500,
 * no exception escaping. Inputs that once broke this are kept in
 * {@code src/test/resources/fuzz-regressions/json/} (base64, one per file) and run first.
 */
class JsonInputFuzzTest {
    private static final Path REGRESSIONS = Path.of("src/test/resources/fuzz-regressions/json");
    private static final String[] FIELDS = {"smtpCode", "enhancedStatus", "diagnostic", "recipient", "sender",
        "remoteMta", "dsnAction", "history", "unknownField"};
    private static final int MAX_BYTES = 400;
    private static final int MAX_TOKENS = 40;

    @BeforeAll
    static void announceSeed() {
        System.out.println("JSON fuzz: seed " + Fuzz.SEED + ", " + Fuzz.TRIES + " tries per kind (replay with -Dfuzz.seed="
                + Fuzz.SEED + ")");
    }

    @TestFactory
    Stream<DynamicTest> keptRegressionInputs() throws IOException {
        return Fuzz.regressions(REGRESSIONS, b -> check(b));
    }

    @Test
    void randomBytes() {
        Fuzz fuzz = new Fuzz(Fuzz.SEED);
        for (int i = 0; i < Fuzz.TRIES; i++) {
            check(fuzz.bytes(MAX_BYTES));
        }
    }

    @Test
    void almostJson() {
        Fuzz fuzz = new Fuzz(Fuzz.SEED + 1);
        for (int i = 0; i < Fuzz.TRIES; i++) {
            check(fuzz.jsonLike(MAX_TOKENS).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void objectsWithWrongValues() {
        Fuzz fuzz = new Fuzz(Fuzz.SEED + 2);
        for (int i = 0; i < Fuzz.TRIES; i++) {
            JsonObject o = new JsonObject();
            int fields = fuzz.nextInt(FIELDS.length + 1);
            for (int f = 0; f < fields; f++) {
                o.put(FIELDS[fuzz.nextInt(FIELDS.length)], fuzz.value());
            }
            check(o.encode().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void damagedValidBodies() {
        Fuzz fuzz = new Fuzz(Fuzz.SEED + 3);
        byte[] valid = new JsonObject().put("smtpCode", 550).put("enhancedStatus", "5.1.1")
                .put("diagnostic", "550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown ユーザ不明")
                .put("history", new JsonObject().put("consecutiveSoftBounces", 4))
                .encode().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < Fuzz.TRIES; i++) {
            check(fuzz.mutate(valid));
        }
    }

    private static void check(byte[] body) {
        BounceInput input;
        try {
            input = BounceInputParser.parse(body);
        } catch (InputException refused) {
            assertNotNull(refused.code());
            return;
        } catch (RuntimeException e) {
            fail("the parser threw " + e + " on (base64) " + Base64.getEncoder().encodeToString(body), e);
            return;
        }
        try {
            Classification c = TestRules.bundled().classify(input, "en");
            assertNotNull(c.category());
            assertNotNull(c.action());
        } catch (RuntimeException e) {
            fail("classifying threw " + e + " on (base64) " + Base64.getEncoder().encodeToString(body), e);
        }
    }
}
