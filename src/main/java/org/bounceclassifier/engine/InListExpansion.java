package org.bounceclassifier.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.RuleDescr;

/**
 * Makes the rules' phrase conditions cost a hash lookup instead of one test per rule.
 *
 * <p>Drools indexes {@code field == literal} conditions of many rules on one fact type by hash, so a
 * fact finds the few rules it concerns directly; but it compiles {@code field in (a, b, c)} into
 * {@code field == a || field == b || field == c}, which it cannot index, so every {@code Phrase}
 * fact was tested against every text rule (hundreds of interpreted conditions per phrase, growing
 * with the rule set). Before compiling, this rewrites a pattern whose only condition is such a list
 * into the {@code or} of one pattern per literal, which means the same thing and is indexed:
 *
 * <pre>
 *   Phrase( text in ("user unknown", "no such user") )
 *   becomes  ( Phrase( text == "user unknown" ) or Phrase( text == "no such user" ) )
 * </pre>
 *
 * <p>A fact matches at most one branch (the literals are distinct), so a rule fires as often as
 * before, with the same facts, under the same name. Drools turns {@code not (A or B)} into
 * {@code not A and not B} and {@code exists (A or B)} into one {@code exists}, so patterns under
 * {@code not} and {@code exists} are rewritten too. Each positive rewrite multiplies the rule's
 * internal branches by its number of literals; a rule stops being rewritten at
 * {@link #MAX_BRANCHES_PER_RULE} branches and keeps its remaining lists as written (still correct,
 * only unindexed). Only the compiled form changes: the rule files, the line numbers in messages and
 * {@link DrlReader}'s view of the rules are the same.
 */
final class InListExpansion {
    /** Branches one rule may grow into through positive rewrites: bounds the network's size. */
    static final int MAX_BRANCHES_PER_RULE = 64;

    private static final String LITERAL = "\"(?:[^\"\\\\]|\\\\.)*\"|-?[0-9]+";
    /** {@code field in (literal, ...)} with string or integer literals, and nothing else. */
    private static final Pattern IN_LIST = Pattern.compile(
            "^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s+in\\s*\\(\\s*((?:" + LITERAL + ")(?:\\s*,\\s*(?:" + LITERAL + "))*)\\s*\\)\\s*$");
    private static final Pattern ONE_LITERAL = Pattern.compile(LITERAL);

    private InListExpansion() {
    }

    /** Rewrites every rule of the package in place; returns how many patterns were rewritten. */
    static int rewrite(PackageDescr pkg) {
        int rewritten = 0;
        for (RuleDescr rule : pkg.getRules()) {
            rewritten += rewrite(rule.getLhs());
        }
        return rewritten;
    }

    private static int rewrite(AndDescr lhs) {
        if (lhs == null) {
            return 0;
        }
        int rewritten = 0;
        int branches = 1;
        List<BaseDescr> children = new ArrayList<>(lhs.getDescrs());
        for (int i = 0; i < children.size(); i++) {
            BaseDescr child = children.get(i);
            if (child instanceof PatternDescr pattern) {
                List<PatternDescr> alternatives = alternatives(pattern);
                if (alternatives.size() > 1 && branches * alternatives.size() <= MAX_BRANCHES_PER_RULE) {
                    branches *= alternatives.size();
                    lhs.getDescrs().set(i, or(pattern, alternatives));
                    rewritten++;
                }
            } else if (child instanceof NotDescr || child instanceof ExistsDescr) {
                @SuppressWarnings("unchecked")
                List<BaseDescr> inner = child instanceof NotDescr not ? not.getDescrs()
                        : (List<BaseDescr>) ((ExistsDescr) child).getDescrs();
                if (inner.size() == 1 && inner.get(0) instanceof PatternDescr pattern) {
                    List<PatternDescr> alternatives = alternatives(pattern);
                    if (alternatives.size() > 1) {
                        inner.set(0, or(pattern, alternatives));
                        rewritten++;
                    }
                }
            }
        }
        return rewritten;
    }

    /** One pattern per literal of the pattern's only condition, or nothing to rewrite. */
    private static List<PatternDescr> alternatives(PatternDescr pattern) {
        if (pattern.getSource() != null || pattern.isQuery() || !pattern.getBehaviors().isEmpty()
                || pattern.getDescrs().size() != 1
                || !(pattern.getDescrs().get(0) instanceof ExprConstraintDescr constraint)
                || constraint.getType() != ExprConstraintDescr.Type.NAMED) {
            return List.of();
        }
        Matcher in = IN_LIST.matcher(constraint.getExpression());
        if (!in.matches()) {
            return List.of();
        }
        // the same literal twice would let one fact match two branches and fire the rule twice
        Set<String> literals = new LinkedHashSet<>();
        Matcher literal = ONE_LITERAL.matcher(in.group(2));
        while (literal.find()) {
            literals.add(literal.group());
        }
        List<PatternDescr> out = new ArrayList<>();
        for (String l : literals) {
            PatternDescr branch = pattern.clone();
            branch.removeAllConstraint();
            ExprConstraintDescr equals = new ExprConstraintDescr(in.group(1) + " == " + l);
            equals.copyLocation(constraint);
            equals.setResource(constraint.getResource());
            branch.addConstraint(equals);
            branch.setResource(pattern.getResource());
            out.add(branch);
        }
        return out;
    }

    private static OrDescr or(PatternDescr original, List<PatternDescr> alternatives) {
        OrDescr or = new OrDescr();
        or.copyLocation(original);
        or.setResource(original.getResource());
        alternatives.forEach(or::addDescr);
        return or;
    }
}
