package org.bounceclassifier.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.drools.drl.ast.descr.PackageDescr;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Turns a rules directory into a {@link RuleSet}, or into the list of everything wrong with it.
 *
 * <p>Reads every {@code *.drl} file (subfolders too), the message files under {@code messages/}
 * and the operator's {@link SendingIpRanges} ({@code data/sending-ip-ranges.yaml}, optional),
 * whose ranges are filled into the texts here, once per rule set; compiles the DRL with the classic Drools compiler into one knowledge base;
 * checks that every category has texts in every language and an action from the remediation rules,
 * that text patterns are literals and that regular expressions compile. Nothing is read from the
 * classpath: the directory is the rule set.
 */
public final class RuleSetLoader {
    public static final String MESSAGES_DIR = "messages";
    /**
     * The version is the content hash of the rule set alone (rules, texts, data), so every instance
     * serving the same files reports the same version, across restarts: drift shows at a glance.
     */
    private static final int VERSION_HASH_CHARS = 12;
    /**
     * Rule sessions kept for reuse per rule set: enough for Vert.x's default worker pool (20
     * threads) and the rule gate's threads to classify at once without creating sessions.
     */
    static final int IDLE_SESSIONS = 32;

    private RuleSetLoader() {
    }

    public static RuleSet load(Path rulesDir) throws RuleSetException {
        return load(rulesDir, EngineLimits.DEFAULT);
    }

    public static RuleSet load(Path rulesDir, EngineLimits limits) throws RuleSetException {
        return load(rulesDir, limits, true);
    }

    /**
     * @param indexPhraseLists whether to compile {@code in (...)} lists as indexed alternatives
     *     ({@link InListExpansion}); off only to check that both forms answer alike
     */
    static RuleSet load(Path rulesDir, EngineLimits limits, boolean indexPhraseLists) throws RuleSetException {
        return load(rulesDir, limits, indexPhraseLists, IDLE_SESSIONS);
    }

    /** @param idleSessions rule sessions kept for reuse; 0 for a new session per classification */
    static RuleSet load(Path rulesDir, EngineLimits limits, boolean indexPhraseLists, int idleSessions)
            throws RuleSetException {
        if (!Files.isDirectory(rulesDir)) {
            throw new RuleSetException(new RuleProblem(null, 0,
                    "rules directory " + rulesDir.toAbsolutePath() + " does not exist or is not a directory"));
        }
        Map<String, byte[]> drl = new LinkedHashMap<>();
        Map<String, byte[]> messageFiles = new LinkedHashMap<>();
        byte[] ipRangesFile = null;
        List<RuleProblem> problems = new ArrayList<>();
        for (Path file : listFiles(rulesDir)) {
            String rel = rulesDir.relativize(file).toString().replace('\\', '/');
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                problems.add(new RuleProblem(rel, 0, "cannot read: " + e.getMessage()));
                continue;
            }
            if (rel.endsWith(".drl")) {
                drl.put(rel, bytes);
            } else if (rel.startsWith(MESSAGES_DIR + "/") && (rel.endsWith(".yaml") || rel.endsWith(".yml"))) {
                messageFiles.put(rel, bytes);
            } else if (rel.equals(SendingIpRanges.FILE)) {
                ipRangesFile = bytes;
            }
        }
        if (drl.isEmpty()) {
            problems.add(new RuleProblem(null, 0, "no .drl rule files in " + rulesDir.toAbsolutePath()));
        }
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }

        // every file is parsed once: the reader takes what the engine needs from the tree, then the
        // compiler builds from the same tree, with the phrase lists made indexable (InListExpansion)
        Map<String, DrlReader> readers = new LinkedHashMap<>();
        Map<String, List<DrlReader.ReadRule>> read = new LinkedHashMap<>();
        drl.forEach((rel, bytes) -> {
            DrlReader reader = new DrlReader(rel);
            read.put(rel, reader.read(new String(bytes, StandardCharsets.UTF_8)));
            readers.put(rel, reader);
            if (reader.parsed() == null) {
                problems.addAll(reader.problems());
            }
        });
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(builderConfiguration());
        CompositeKnowledgeBuilder batch = builder.batch();
        readers.forEach((rel, reader) -> {
            PackageDescr compiled = reader.parsed();
            if (indexPhraseLists) {
                InListExpansion.rewrite(compiled);
            }
            batch.add(ResourceFactory.newDescrResource(compiled).setSourcePath(rel), ResourceType.DESCR);
        });
        batch.build();
        if (builder.hasErrors()) {
            for (KnowledgeBuilderError error : builder.getErrors()) {
                String file = error.getResource() == null ? null : error.getResource().getSourcePath();
                int[] lines = error.getLines();
                problems.add(new RuleProblem(file, lines != null && lines.length > 0 ? lines[0] : 0,
                        error.getMessage().strip()));
            }
            throw new RuleSetException(problems);
        }
        KieBase kieBase = builder.newKieBase();

        Map<String, RuleInfo> rules = readRules(read, readers, kieBase, problems);
        List<String> phrases = new ArrayList<>();
        List<String> regexes = new ArrayList<>();
        for (RuleInfo rule : rules.values()) {
            phrases.addAll(rule.phrases());
            for (String regex : rule.regexes()) {
                try {
                    TextMatcher.compile(regex);
                    regexes.add(regex);
                } catch (RuntimeException e) {
                    problems.add(new RuleProblem(rule.file(), rule.line(), "rule \"" + rule.name()
                            + "\": the regular expression does not compile: " + e.getMessage()));
                }
            }
        }

        Messages.Builder messages = new Messages.Builder();
        messageFiles.forEach((rel, bytes) -> {
            String name = rel.substring(rel.lastIndexOf('/') + 1);
            messages.add(rel, name.substring(0, name.lastIndexOf('.')), bytes);
        });
        problems.addAll(messages.problems());
        // operator data: no file means no ranges configured, and the texts say whom to ask instead
        SendingIpRanges ipRanges = ipRangesFile == null ? SendingIpRanges.NONE
                : SendingIpRanges.parse(SendingIpRanges.FILE, ipRangesFile, problems);
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }

        List<RuleFile> files = new ArrayList<>();
        drl.forEach((rel, bytes) -> files.add(new RuleFile(rel, sha256(bytes),
                (int) rules.values().stream().filter(r -> r.file().equals(rel)).count())));
        messageFiles.forEach((rel, bytes) -> files.add(new RuleFile(rel, sha256(bytes), 0)));
        if (ipRangesFile != null) {
            files.add(new RuleFile(SendingIpRanges.FILE, sha256(ipRangesFile), 0));
        }
        files.sort((a, b) -> a.path().compareTo(b.path()));

        Instant loadedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String version = combinedHash(files).substring(0, VERSION_HASH_CHARS);
        RuleSet ruleSet = new RuleSet(version, loadedAt, files, rules, kieBase,
                new Sessions(kieBase, idleSessions), TextMatcher.build(phrases, regexes), messages.build(ipRanges),
                ipRanges, limits);
        for (Category category : Category.values()) {
            RuleSet.Remedy remedy = ruleSet.remedyOnItsOwn(category);
            if (remedy.action() == null) {
                problems.add(new RuleProblem(null, 0, "no remediation rule sets an action for category '"
                        + category.id() + "': add one to the remediation rules"));
            }
            ruleSet.setDefaultRemedy(category, remedy);
        }
        if (!problems.isEmpty()) {
            ruleSet.close();
            throw new RuleSetException(problems);
        }
        return ruleSet;
    }

    /**
     * Consequences are read as MVEL unless a rule file says {@code dialect "java"}: the rules' consequences are
     * one call each ({@code propose(kcontext, ...)}, {@code $d.remediate(...)}), which MVEL runs as
     * well as compiled Java does, while the Java dialect generated and compiled a class per rule
     * with the Eclipse compiler: about a second of every start and a part of every reload.
     * Drools' MVEL is typed strictly, so a misspelt name in a consequence is still an error at load.
     */
    private static KnowledgeBuilderConfiguration builderConfiguration() {
        KnowledgeBuilderConfiguration configuration = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration();
        configuration.setProperty("drools.dialect.default", "mvel");
        return configuration;
    }

    private static Map<String, RuleInfo> readRules(Map<String, List<DrlReader.ReadRule>> read,
                                                   Map<String, DrlReader> readers, KieBase kieBase,
                                                   List<RuleProblem> problems) {
        Map<String, Rule> compiled = new LinkedHashMap<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                compiled.put(rule.getName(), rule);
            }
        }
        Map<String, RuleInfo> rules = new LinkedHashMap<>();
        read.forEach((rel, readRules) -> {
            for (DrlReader.ReadRule r : readRules) {
                Rule rule = compiled.get(r.name());
                Map<String, Object> meta = rule == null ? Map.of() : rule.getMetaData();
                RuleInfo previous = rules.put(r.name(), new RuleInfo(r.name(), rel, r.line(), r.phase(),
                        List.copyOf(r.phrases()), List.copyOf(r.regexes()), examples(meta), text(meta.get("source")),
                        receivers(meta.get("receiver")), r.category()));
                if (previous != null) {
                    problems.add(new RuleProblem(rel, r.line(), "rule name \"" + r.name()
                            + "\" is already used in " + previous.file() + ":" + previous.line()));
                }
            }
            problems.addAll(readers.get(rel).problems());
        });
        return rules;
    }

    /** {@code @example("...")}, and for more than one, {@code @example2}, {@code @example3}, ... */
    private static List<String> examples(Map<String, Object> meta) {
        Set<String> out = new LinkedHashSet<>();
        String first = text(meta.get("example"));
        if (first != null) {
            out.add(first);
        }
        for (int i = 2; meta.containsKey("example" + i); i++) {
            String more = text(meta.get("example" + i));
            if (more != null) {
                out.add(more);
            }
        }
        return List.copyOf(out);
    }

    /** {@code @receiver("Gmail, Yahoo/AOL")}: receiver family names, comma-separated. */
    private static List<String> receivers(Object value) {
        String list = text(value);
        if (list == null) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = DrlReader.unescape(s.substring(1, s.length() - 1));
        }
        return s.isBlank() ? null : s;
    }

    private static List<Path> listFiles(Path dir) throws RuleSetException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !isEditorDebris(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException | RuntimeException e) {
            throw new RuleSetException(new RuleProblem(null, 0, "cannot list " + dir.toAbsolutePath() + ": " + e.getMessage()));
        }
    }

    /** Hidden files, backups and swap files that editors leave beside the file being edited. */
    public static boolean isEditorDebris(String name) {
        return name.startsWith(".") || name.startsWith("#") || name.endsWith("~") || name.endsWith(".swp")
                || name.endsWith(".tmp");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String combinedHash(List<RuleFile> files) {
        StringBuilder all = new StringBuilder();
        files.forEach(f -> all.append(f.path()).append('\0').append(f.sha256()).append('\n'));
        return sha256(all.toString().getBytes(StandardCharsets.UTF_8));
    }
}
