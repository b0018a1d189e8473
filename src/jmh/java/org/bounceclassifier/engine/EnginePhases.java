package org.bounceclassifier.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bounceclassifier.bench.CaseInputs;
import org.bounceclassifier.mail.MailParser;
import org.kie.api.runtime.ClassObjectFilter;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Where a classification's time goes, step by step: the same steps as {@link RuleSet#evaluate}
 * (evidence and text matching, inserting the facts, the three phases of rules, reading the
 * answer, emptying the session for the next one), timed with {@code System.nanoTime} around each
 * over every rule case's input, in one reused session as the service runs them. Sampling profilers
 * spread Drools' deep stacks unreliably; this measures each step directly. The first half of the
 * rounds warms the JIT and is not counted.
 *
 * <p>Bench only (in {@code target/benchmarks.jar}, in this package to reach the rule set's
 * session): {@code java -cp target/benchmarks.jar org.bounceclassifier.engine.EnginePhases [rounds]
 * [folder of .eml files]} from the project directory; with a folder, the inputs are the recipients
 * of those e-mails as the mail reader gives them, instead of the rule cases' inputs.
 */
public final class EnginePhases {
    private static final String[] STEPS = {"evidence and text matching", "inserting the facts",
        "firing the evidence rules", "firing the decision rules", "firing the remediation rules",
        "reading the answer", "emptying the session"};

    private EnginePhases() {
    }

    private static List<BounceInput> emailInputs(Path folder) throws IOException {
        MailParser parser = new MailParser();
        List<BounceInput> inputs = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".eml")).sorted().toList()) {
                parser.parse(Files.readAllBytes(file)).recipients().forEach(r -> inputs.add(r.input()));
            }
        }
        return inputs;
    }

    public static void main(String[] args) throws RuleSetException, IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        RuleSet rules = RuleSetLoader.load(Path.of("rules"));
        List<BounceInput> inputs = args.length > 1 ? emailInputs(Path.of(args[1])) : CaseInputs.load(Path.of("rules-tests"));
        KieSession session = rules.kieBase().newKieSession();
        FiredRules fired = new FiredRules();
        session.addEventListener(fired);
        long[] nanos = new long[STEPS.length];
        long facts = 0;
        long candidates = 0;
        long firings = 0;
        for (int round = 0; round < rounds; round++) {
            boolean counted = round >= rounds / 2;
            for (BounceInput input : inputs) {
                long t0 = System.nanoTime();
                Evidence evidence = Evidence.from(input, EngineLimits.DEFAULT.maxDiagnosticChars());
                TextMatcher.Hits hits = rules.matcher().match(evidence.getText());
                long t1 = System.nanoTime();
                session.insert(evidence);
                hits.phrases().forEach(p -> session.insert(new Phrase(p)));
                hits.regexes().forEach(r -> session.insert(new PatternMatch(r)));
                long t2 = System.nanoTime();
                session.fireAllRules(RuleSet.MAX_FIRINGS_PER_PHASE);
                long t3 = System.nanoTime();
                session.getAgenda().getAgendaGroup(RuleInfo.DECIDE).setFocus();
                session.fireAllRules(RuleSet.MAX_FIRINGS_PER_PHASE);
                long t4 = System.nanoTime();
                session.getAgenda().getAgendaGroup(RuleInfo.REMEDIATE).setFocus();
                session.fireAllRules(RuleSet.MAX_FIRINGS_PER_PHASE);
                long t5 = System.nanoTime();
                int proposed = session.getObjects(new ClassObjectFilter(Candidate.class)).size();
                int firedNow = fired.names().size();
                long t6 = System.nanoTime();
                for (FactHandle fact : new ArrayList<FactHandle>(session.getFactHandles())) {
                    session.delete(fact);
                }
                fired.clear();
                long t7 = System.nanoTime();
                if (counted) {
                    long[] at = {t0, t1, t2, t3, t4, t5, t6, t7};
                    for (int i = 0; i < STEPS.length; i++) {
                        nanos[i] += at[i + 1] - at[i];
                    }
                    facts += 1 + hits.phrases().size() + hits.regexes().size();
                    candidates += proposed;
                    firings += firedNow;
                }
            }
        }
        session.dispose();
        rules.close();
        double n = (double) inputs.size() * (rounds - rounds / 2);
        long total = 0;
        for (long x : nanos) {
            total += x;
        }
        System.out.printf("%d rules, %d inputs, %d rounds (the first %d not counted)%n", rules.ruleCount(),
                inputs.size(), rounds, rounds / 2);
        for (int i = 0; i < STEPS.length; i++) {
            System.out.printf("%-30s %7.2f us  %5.1f %%%n", STEPS[i], nanos[i] / 1e3 / n, 100.0 * nanos[i] / total);
        }
        System.out.printf("%-30s %7.2f us; per input %.1f facts inserted, %.1f candidates, %.1f rules fired%n",
                "total", total / 1e3 / n, facts / n, candidates / n, firings / n);
    }
}
