package org.bounceclassifier.engine;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;
import org.kie.internal.io.ResourceFactory;

/**
 * Reads the parts of a DRL file the engine needs beyond what the compiler does: where each rule
 * is, which phase it belongs to, and which phrases and expressions its text patterns name (so that
 * {@link TextMatcher} can look for all of them in one pass).
 *
 * <p>Text patterns must name their phrase as a literal: {@code Phrase( text == "user unknown" )} or
 * {@code Phrase( text in ("user unknown", "unknown user") )}; likewise {@code PatternMatch( regex ==
 * "..." )}. Anything else is reported as a problem, because the engine could not know what to look
 * for and the rule would never fire.
 */
final class DrlReader {
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final String ONE_LITERAL = "\"(?:[^\"\\\\]|\\\\.)*\"";
    private static final String LITERAL_CONSTRAINT =
            "^\\s*%s\\s*(?:==\\s*" + ONE_LITERAL + "|in\\s*\\(\\s*" + ONE_LITERAL
                    + "(?:\\s*,\\s*" + ONE_LITERAL + ")*\\s*\\))\\s*$";
    private static final Pattern PHRASE_CONSTRAINT = Pattern.compile(String.format(LITERAL_CONSTRAINT, "text"));
    /** The DRL operator outside string literals ("matches" inside a phrase is fine). */
    private static final Pattern JAVA_REGEX_OPERATOR = Pattern.compile("^(?:[^\"]|\"(?:[^\"\\\\]|\\\\.)*\")*?\\bmatches\\b");
    private static final Pattern REGEX_CONSTRAINT = Pattern.compile(String.format(LITERAL_CONSTRAINT, "regex"));

    /** {@code Category.BAD_MAILBOX} as an evidence rule's consequence names it. */
    private static final Pattern CATEGORY_NAMED = Pattern.compile("\\bCategory\\.([A-Z_]+)\\b");

    /**
     * One rule as read from the file, before metadata from the compiled rule is added.
     *
     * @param category the one category its consequence names, or null when it names none or several
     */
    record ReadRule(String name, int line, String phase, List<String> phrases, List<String> regexes,
                    Category category) {
    }

    private final String file;
    private final List<RuleProblem> problems = new ArrayList<>();
    private PackageDescr parsed;

    DrlReader(String file) {
        this.file = file;
    }

    List<RuleProblem> problems() {
        return problems;
    }

    /** The file as the parser read it (null when it could not be parsed): what the compiler is given. */
    PackageDescr parsed() {
        return parsed;
    }

    List<ReadRule> read(String drl) {
        DrlParser parser = new DrlParser();
        PackageDescr pkg;
        try {
            // the resource names the file in the compiler's messages, as when it parses the file itself
            pkg = parser.parse(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8))
                    .setSourcePath(file), new StringReader(drl));
        } catch (DroolsParserException e) {
            problems.add(new RuleProblem(file, 0, e.getMessage()));
            return List.of();
        }
        if (parser.hasErrors() || pkg == null) {
            parser.getErrors().forEach(err -> problems.add(new RuleProblem(file, firstLine(err.getLines()),
                    err.getMessage())));
            return List.of();
        }
        parsed = pkg;
        List<ReadRule> rules = new ArrayList<>();
        for (RuleDescr rule : pkg.getRules()) {
            List<String> phrases = new ArrayList<>();
            List<String> regexes = new ArrayList<>();
            collect(rule, rule.getLhs(), phrases, regexes);
            AttributeDescr group = rule.getAttributes().get("ruleflow-group");
            if (group == null) {
                group = rule.getAttributes().get("agenda-group");
            }
            String phase = group == null ? RuleInfo.EVIDENCE : group.getValue();
            rules.add(new ReadRule(rule.getName(), rule.getLine(), phase, phrases, regexes,
                    RuleInfo.EVIDENCE.equals(phase) ? categoryProposed(rule.getConsequence()) : null));
        }
        return rules;
    }

    /** The one category a consequence names; the compiler has already checked that it exists. */
    private static Category categoryProposed(Object consequence) {
        if (consequence == null) {
            return null;
        }
        Set<String> named = new HashSet<>();
        Matcher m = CATEGORY_NAMED.matcher(consequence.toString());
        while (m.find()) {
            named.add(m.group(1));
        }
        if (named.size() != 1) {
            return null;
        }
        String constant = named.iterator().next();
        return Arrays.stream(Category.values()).filter(c -> c.name().equals(constant)).findFirst().orElse(null);
    }

    private void collect(RuleDescr rule, BaseDescr descr, List<String> phrases, List<String> regexes) {
        if (descr instanceof PatternDescr pattern) {
            refuseBacktrackingRegex(rule, pattern);
            String type = simpleName(pattern.getObjectType());
            if (type.equals("Phrase")) {
                literalsOf(rule, pattern, PHRASE_CONSTRAINT, "Phrase( text == \"the phrase\" )", phrases);
            } else if (type.equals("PatternMatch")) {
                literalsOf(rule, pattern, REGEX_CONSTRAINT, "PatternMatch( regex == \"the expression\" )", regexes);
            }
            if (pattern.getSource() != null) {
                collect(rule, pattern.getSource(), phrases, regexes);
            }
        } else if (descr instanceof ConditionalElementDescr ce) {
            for (Object child : ce.getDescrs()) {
                if (child instanceof BaseDescr b) {
                    collect(rule, b, phrases, regexes);
                }
            }
        }
    }

    /**
     * DRL's {@code matches} runs java.util.regex, whose backtracking can take exponential time on a
     * crafted text; text patterns must use RE2/J through PatternMatch instead.
     */
    private void refuseBacktrackingRegex(RuleDescr rule, PatternDescr pattern) {
        for (BaseDescr constraint : pattern.getDescrs()) {
            if (constraint instanceof ExprConstraintDescr expr
                    && JAVA_REGEX_OPERATOR.matcher(expr.getExpression()).find()) {
                problems.add(new RuleProblem(file, pattern.getLine() > 0 ? pattern.getLine() : rule.getLine(),
                        "rule \"" + rule.getName() + "\": 'matches' uses Java's backtracking regular expressions; "
                                + "write PatternMatch( regex == \"...\" ) instead (RE2, linear time)"));
            }
        }
    }

    private void literalsOf(RuleDescr rule, PatternDescr pattern, Pattern shape, String expected, List<String> into) {
        List<? extends BaseDescr> constraints = pattern.getDescrs();
        if (constraints.size() != 1 || !(constraints.get(0) instanceof ExprConstraintDescr expr)
                || !shape.matcher(expr.getExpression()).matches()) {
            problems.add(new RuleProblem(file, pattern.getLine() > 0 ? pattern.getLine() : rule.getLine(),
                    "rule \"" + rule.getName() + "\": write the text it looks for as a literal, "
                            + "like " + expected + ", so the engine knows what to look for"));
            return;
        }
        Matcher m = STRING_LITERAL.matcher(expr.getExpression());
        while (m.find()) {
            into.add(unescape(m.group(1)));
        }
    }

    /** Undoes DRL string escapes the way the rule compiler does, so facts equal the rule's literal. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(++i);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    default -> out.append(next);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String simpleName(String type) {
        int dot = type == null ? -1 : type.lastIndexOf('.');
        return type == null ? "" : type.substring(dot + 1);
    }

    private static int firstLine(int[] lines) {
        return lines != null && lines.length > 0 ? lines[0] : 0;
    }
}
