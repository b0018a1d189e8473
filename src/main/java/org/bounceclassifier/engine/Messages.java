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

/**
 * The texts people read: a label and a remediation per category, per language.
 *
 * <p>One YAML file per language in the rules directory ({@code messages/ja.yaml},
 * {@code messages/en.yaml}), keyed by category id. Every category needs both texts in every
 * required language, or the rule set is rejected.
 */
public final class Messages {
    /** Languages the HTTP contract promises. */
    public static final Set<String> REQUIRED_LANGUAGES = Set.of("ja", "en");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public record Text(String label, String remediation) {
    }

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
            });
            return all;
        }

        public Messages build() {
            return new Messages(byLanguage);
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
