package org.bounceclassifier.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts people read: a label and a remediation per category, per language.
 *
 * <p>One YAML file per language in the rules directory ({@code messages/ja.yaml},
 * {@code messages/en.yaml}), keyed by category id. Every category needs both texts in every
 * required language, or the rule set is rejected.
 *
 * <p>Texts may quote operator data through placeholders, filled once when the rule set is built:
 * {@code {sendingIpRanges}} becomes one sentence, the file's {@code placeholders.sendingIpRanges.listed}
 * template with {@code {ranges}} replaced by the configured ranges ({@link SendingIpRanges}), or
 * its {@code missing} sentence when none are configured. An unknown placeholder is a load error,
 * so a typo never reaches a reader as "{sendingIPRanges}".
 */
public final class Messages {
    /** Languages the HTTP contract promises. */
    public static final Set<String> REQUIRED_LANGUAGES = Set.of("ja", "en");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public record Text(String label, String remediation) {
    }

    /** The key of a message file that holds placeholder templates instead of a category's texts. */
    public static final String PLACEHOLDERS_KEY = "placeholders";
    /** The placeholder for the operator's sending IP ranges. */
    public static final String SENDING_IP_RANGES = "sendingIpRanges";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    private final Map<String, Map<Category, Text>> byLanguage;

    private Messages(Map<String, Map<Category, Text>> byLanguage) {
        this.byLanguage = byLanguage;
    }

    /** The languages with a message file, sorted. */
    public Set<String> languages() {
        return byLanguage.keySet();
    }

    public boolean hasLanguage(String lang) {
        return byLanguage.containsKey(lang);
    }

    public Text text(Category category, String lang) {
        Map<Category, Text> texts = byLanguage.get(lang);
        if (texts == null) {
            throw new IllegalArgumentException("no messages for language '" + lang + "'");
        }
        return texts.get(category);
    }

    /** Collects message files and reports every missing or malformed text as a problem. */
    public static final class Builder {
        private final Map<String, Map<Category, Text>> byLanguage = new TreeMap<>();
        /** Per language: the {listed, missing} templates of {sendingIpRanges}, when the file has them. */
        private final Map<String, String[]> rangeTemplates = new TreeMap<>();
        private final Map<String, String> fileOf = new TreeMap<>();
        private final List<RuleProblem> problems = new ArrayList<>();

        public void add(String file, String lang, byte[] yaml) {
            JsonNode root;
            try {
                root = YAML.readTree(yaml);
            } catch (IOException e) {
                problems.add(new RuleProblem(file, 0, "not valid YAML: " + firstLine(e.getMessage())));
                return;
            }
            if (root == null || !root.isObject()) {
                problems.add(new RuleProblem(file, 0, "expected a map from category id to {label, remediation}"));
                return;
            }
            Map<Category, Text> texts = new EnumMap<>(Category.class);
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (PLACEHOLDERS_KEY.equals(entry.getKey())) {
                    readPlaceholders(file, lang, entry.getValue());
                    continue;
                }
                var category = Category.fromId(entry.getKey());
                if (category.isEmpty()) {
                    problems.add(new RuleProblem(file, 0, "'" + entry.getKey()
                            + "' is not a category of TAXONOMY.md"));
                    continue;
                }
                String label = textField(entry.getValue(), "label");
                String remediation = textField(entry.getValue(), "remediation");
                if (label == null || remediation == null) {
                    problems.add(new RuleProblem(file, 0, entry.getKey()
                            + ": needs both 'label' and 'remediation' as non-empty text"));
                    continue;
                }
                texts.put(category.get(), new Text(label, remediation));
            }
            byLanguage.put(lang, texts);
            fileOf.put(lang, file);
        }

        private void readPlaceholders(String file, String lang, JsonNode node) {
            JsonNode ranges = node == null ? null : node.get(SENDING_IP_RANGES);
            String listed = textField(ranges, "listed");
            String missing = textField(ranges, "missing");
            if (listed == null || missing == null || !listed.contains("{ranges}")) {
                problems.add(new RuleProblem(file, 0, PLACEHOLDERS_KEY + "." + SENDING_IP_RANGES
                        + " needs 'listed' (a sentence with {ranges}) and 'missing' (a sentence for when no "
                        + "ranges are configured)"));
                return;
            }
            rangeTemplates.put(lang, new String[] {listed, missing});
        }

        public List<RuleProblem> problems() {
            List<RuleProblem> all = new ArrayList<>(problems);
            for (String lang : REQUIRED_LANGUAGES.stream().sorted().toList()) {
                if (!byLanguage.containsKey(lang)) {
                    all.add(new RuleProblem("messages/" + lang + ".yaml", 0,
                            "missing: every category needs a label and remediation in '" + lang + "'"));
                }
            }
            byLanguage.forEach((lang, texts) -> {
                for (Category c : Category.values()) {
                    if (!texts.containsKey(c)) {
                        all.add(new RuleProblem("messages/" + lang + ".yaml", 0,
                                "no text for category '" + c.id() + "' in language '" + lang + "'"));
                    }
                }
                texts.forEach((c, text) -> {
                    Matcher m = PLACEHOLDER.matcher(text.label() + "\n" + text.remediation());
                    while (m.find()) {
                        if (!SENDING_IP_RANGES.equals(m.group(1))) {
                            all.add(new RuleProblem(fileOf.get(lang), 0, c.id() + ": unknown placeholder {"
                                    + m.group(1) + "}; the only one is {" + SENDING_IP_RANGES + "}"));
                        } else if (!rangeTemplates.containsKey(lang)) {
                            all.add(new RuleProblem(fileOf.get(lang), 0, c.id() + " uses {" + SENDING_IP_RANGES
                                    + "}, so the file needs " + PLACEHOLDERS_KEY + "." + SENDING_IP_RANGES
                                    + " with 'listed' and 'missing'"));
                        }
                    }
                });
            });
            return all;
        }

        /** The texts with every placeholder filled from the operator's data, once per rule set. */
        public Messages build(SendingIpRanges ranges) {
            Map<String, Map<Category, Text>> filled = new TreeMap<>();
            byLanguage.forEach((lang, texts) -> {
                String[] templates = rangeTemplates.get(lang);
                String sentence = templates == null ? null
                        : ranges.isEmpty() ? templates[1] : templates[0].replace("{ranges}", ranges.format());
                Map<Category, Text> out = new EnumMap<>(Category.class);
                texts.forEach((c, t) -> out.put(c, new Text(fill(t.label(), sentence), fill(t.remediation(), sentence))));
                filled.put(lang, out);
            });
            return new Messages(filled);
        }

        private static String fill(String text, String rangesSentence) {
            String placeholder = "{" + SENDING_IP_RANGES + "}";
            return rangesSentence == null || !text.contains(placeholder) ? text : text.replace(placeholder, rangesSentence);
        }

        private static String textField(JsonNode node, String field) {
            if (node == null || !node.isObject()) {
                return null;
            }
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                return null;
            }
            return v.asText().strip();
        }

        private static String firstLine(String s) {
            if (s == null) {
                return "";
            }
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }
    }
}
