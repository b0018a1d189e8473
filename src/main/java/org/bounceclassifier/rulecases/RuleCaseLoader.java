package org.bounceclassifier.rulecases;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bounceclassifier.engine.Action;
import org.bounceclassifier.engine.BounceType;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.engine.RuleProblem;

/** Reads every {@code *.yaml} case file under the cases directory (see rules-tests/README.md). */
public final class RuleCaseLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The cases read, and everything that made a case unreadable. */
    public record Loaded(List<RuleCase> cases, List<RuleProblem> problems) {
    }

    private RuleCaseLoader() {
    }

    public static Loaded load(Path dir) {
        List<RuleCase> cases = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.add(new RuleProblem(null, 0, "rule cases directory " + dir.toAbsolutePath() + " does not exist"));
            return new Loaded(cases, problems);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException | RuntimeException e) {
            problems.add(new RuleProblem(null, 0, "cannot list " + dir.toAbsolutePath() + ": " + e.getMessage()));
            return new Loaded(cases, problems);
        }
        for (Path file : files) {
            String rel = dir.relativize(file).toString().replace('\\', '/');
            readFile(file, rel, cases, problems);
        }
        return new Loaded(cases, problems);
    }

    private static void readFile(Path file, String rel, List<RuleCase> cases, List<RuleProblem> problems) {
        List<Map<String, Object>> entries;
        try {
            entries = YAML.readValue(file.toFile(), new TypeReference<List<Map<String, Object>>>() { });
        } catch (IOException e) {
            problems.add(new RuleProblem(rel, 0, "expected a YAML list of cases: " + firstLine(e.getMessage())));
            return;
        }
        if (entries == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        int index = 0;
        for (Map<String, Object> entry : entries) {
            index++;
            String where = "case #" + index;
            Object name = entry == null ? null : entry.get("name");
            if (!(name instanceof String n) || n.isBlank()) {
                problems.add(new RuleProblem(rel, 0, where + ": needs a 'name'"));
                continue;
            }
            where = "case \"" + n + "\"";
            if (!names.add(n)) {
                problems.add(new RuleProblem(rel, 0, where + ": the name is used twice in this file"));
                continue;
            }
            if (!(entry.get("input") instanceof Map<?, ?> input)) {
                problems.add(new RuleProblem(rel, 0, where + ": needs an 'input' map"));
                continue;
            }
            if (!(entry.get("expect") instanceof Map<?, ?> expect)) {
                problems.add(new RuleProblem(rel, 0, where + ": needs an 'expect' map with at least 'category'"));
                continue;
            }
            try {
                cases.add(new RuleCase(rel, n, new JsonObject(castMap(input)), expectation(expect), receiver(entry)));
            } catch (IllegalArgumentException e) {
                problems.add(new RuleProblem(rel, 0, where + ": " + e.getMessage()));
            }
        }
    }

    private static RuleCase.Expectation expectation(Map<?, ?> expect) {
        Object category = expect.get("category");
        if (!(category instanceof String c) || Category.fromId(c).isEmpty()) {
            throw new IllegalArgumentException("expect.category must be a category id of TAXONOMY.md, got " + category);
        }
        String type = optionalString(expect, "bounceType");
        if (type != null) {
            BounceType.fromId(type);
        }
        String action = optionalString(expect, "action");
        if (action != null) {
            Action.fromId(action);
        }
        boolean retryGiven = expect.containsKey("retryAfterSeconds");
        Object retry = expect.get("retryAfterSeconds");
        if (retry != null && !(retry instanceof Integer)) {
            throw new IllegalArgumentException("expect.retryAfterSeconds must be a whole number of seconds or null");
        }
        Object counts = expect.get("countsAsSoftBounce");
        if (counts != null && !(counts instanceof Boolean)) {
            throw new IllegalArgumentException("expect.countsAsSoftBounce must be true or false, got " + counts);
        }
        return new RuleCase.Expectation(c, type, action, retryGiven, (Integer) retry, (Boolean) counts);
    }

    /** The optional {@code receiver} of a case: a receiver family name such as "Gmail". */
    private static String receiver(Map<String, Object> entry) {
        Object v = entry.get("receiver");
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("'receiver' must be the name of a receiver family, such as Gmail, got " + v);
        }
        return s.strip();
    }

    private static String optionalString(Map<?, ?> map, String key) {
        Object v = map.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("expect." + key + " must be text, got " + v);
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
