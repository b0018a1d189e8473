package org.bounceclassifier.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Random inputs for the fuzz tests, from one seed so any failure can be replayed: the seed is
 * printed, and {@code -Dfuzz.seed=N} runs the same inputs again; {@code -Dfuzz.tries=N} sets the
 * budget (the default keeps {@code mvn test} quick on two cores).
 */
final class Fuzz {
    static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    static final int TRIES = Integer.getInteger("fuzz.tries", 2000);

    /** Fragments that matter to the parsers: codes, phrases, JSON punctuation, odd characters. */
    static final String[] TOKENS = {"550", "5.1.1", "4.2.2", "user unknown", "mailbox full", "spamhaus", "blocked",
        "quota", "ユーザ不明", "容量", "try again later", "<a@example.jp>", "\u0000", "\t", "\uFFFF", "\uD800",
        "\"", "\\", "{", "}", "[", "]", ":", ",", "null", "-1", "1e400", "5.", ".1.1", "9.9.9", " ", "\n",
        "\"smtpCode\"", "\"diagnostic\"", "\"enhancedStatus\"", "\"history\"", "{\"consecutiveSoftBounces\":",
        "true", "0.5", "99999999999999999999"};

    private final Random random;

    /**
     * One test per kept input in {@code dir} (base64, one input per file): inputs that once broke a
     * property stay as regression cases.
     */
    static Stream<DynamicTest> regressions(Path dir, Consumer<byte[]> check) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
                () -> check.accept(Base64.getMimeDecoder().decode(Files.readString(f).strip()))));
    }

    Fuzz(long seed) {
        this.random = new Random(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    byte[] bytes(int maxLength) {
        byte[] b = new byte[random.nextInt(maxLength + 1)];
        random.nextBytes(b);
        return b;
    }

    String token() {
        return TOKENS[random.nextInt(TOKENS.length)];
    }

    /** Text built from tokens and random characters: mostly almost-JSON. */
    String jsonLike(int maxTokens) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(maxTokens + 1);
        for (int i = 0; i < n; i++) {
            sb.append(random.nextInt(4) == 0 ? randomString(8) : token());
        }
        return sb.toString();
    }

    String randomString(int maxLength) {
        int n = random.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) random.nextInt(random.nextBoolean() ? 0x80 : 0x10000));
        }
        return sb.toString();
    }

    Object value() {
        switch (random.nextInt(9)) {
            case 0: return random.nextInt(100_000) - 1000;
            case 1: return random.nextLong();
            case 2: return random.nextDouble() * 1000;
            case 3: return token();
            case 4: return randomString(300);
            case 5: return random.nextBoolean();
            case 6: return new io.vertx.core.json.JsonArray().add(random.nextInt());
            case 7: return new io.vertx.core.json.JsonObject().put("consecutiveSoftBounces", random.nextInt(30) - 5);
            default: return null;
        }
    }

    /** Replaces, inserts or deletes a few bytes: a damaged copy of a valid input. */
    byte[] mutate(byte[] original) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(8);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(3)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
                default -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
            }
        }
        return b;
    }
}
