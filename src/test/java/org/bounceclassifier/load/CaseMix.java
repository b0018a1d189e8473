package org.bounceclassifier.load;

import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bounceclassifier.rulecases.RuleCase;
import org.bounceclassifier.rulecases.RuleCaseLoader;

/**
 * Writes the realistic mix the load scripts send: the input of every rule case in
 * {@code rules-tests/}, as JSON bodies.
 *
 * <ul>
 *   <li>{@code ndjson FILE LINES}: an NDJSON log of LINES lines, cycling through the inputs
 *   (scripts/ndjson-batch.sh);</li>
 *   <li>{@code lua FILE}: a Lua table {@code bodies} of all inputs, for wrk (scripts/http-bench.sh).</li>
 * </ul>
 */
public final class CaseMix {
    private CaseMix() {
    }

    public static void main(String[] args) throws IOException {
        List<String> bodies = RuleCaseLoader.load(Path.of("rules-tests")).cases().stream()
                .map(RuleCase::input).map(JsonObject::encode).toList();
        Path file = Path.of(args[1]);
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            if (args[0].equals("ndjson")) {
                long lines = Long.parseLong(args[2]);
                for (long i = 0; i < lines; i++) {
                    out.write(bodies.get((int) (i % bodies.size())));
                    out.write('\n');
                }
            } else {
                out.write("bodies = {\n");
                for (String body : bodies) {
                    out.write("  \"" + body.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\n");
                }
                out.write("}\n");
            }
        }
    }
}
