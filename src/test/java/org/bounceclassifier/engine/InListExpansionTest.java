package org.bounceclassifier.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

class InListExpansionTest {
    private static final String RULES = """
            package t;
            import org.bounceclassifier.engine.Phrase;
            global java.util.List fired;
            rule "listed"
            when
                Phrase( text in ("user unknown", "no such user", "user unknown") )
            then
                fired.add("listed");
            end
            rule "unless"
            when
                String()
                not Phrase( text in ("blocked", "spam") )
            then
                fired.add("unless");
            end
            rule "any of"
            when
                String()
                exists Phrase( text in ("user unknown", "no such user") )
            then
                fired.add("any of");
            end
            rule "two lists"
            when
                $a : Phrase( text in ("user unknown", "no such user") )
                $b : Phrase( text in ("blocked", "spam") )
            then
                fired.add("two lists");
            end
            """;

    private static PackageDescr parse(String drl) throws Exception {
        return new DrlParser().parse(new StringReader(drl));
    }

    private static KieBase compile(PackageDescr pkg) {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(ResourceFactory.newDescrResource(pkg), ResourceType.DESCR);
        assertFalse(builder.hasErrors(), builder.getErrors().toString());
        return builder.newKieBase();
    }

    private static List<String> fire(KieBase kieBase, String... phrases) {
        KieSession session = kieBase.newKieSession();
        try {
            List<String> fired = new ArrayList<>();
            session.setGlobal("fired", fired);
            session.insert("a bounce");
            for (String p : phrases) {
                session.insert(new Phrase(p));
            }
            session.fireAllRules();
            fired.sort(null);
            return fired;
        } finally {
            session.dispose();
        }
    }

    @Test
    void theRewrittenRulesFireExactlyAsWritten() throws Exception {
        PackageDescr rewritten = parse(RULES);
        assertEquals(5, InListExpansion.rewrite(rewritten), "listed, unless, any of, and both lists of the last rule");
        KieBase indexed = compile(rewritten);
        KieBase asWritten = compile(parse(RULES));
        String[][] inputs = {
            {}, {"user unknown"}, {"user unknown", "no such user"}, {"blocked"}, {"spam", "no such user"},
            {"user unknown", "no such user", "blocked", "spam"}, {"something else"},
        };
        for (String[] phrases : inputs) {
            assertEquals(fire(asWritten, phrases), fire(indexed, phrases), String.join(", ", phrases));
        }
        // one firing per matching fact, as before: the duplicated literal does not make it two
        assertEquals(List.of("any of", "listed", "listed", "unless"), fire(indexed, "user unknown", "no such user"));
    }

    @Test
    void aRuleStopsGrowingAtTheBranchLimit() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            many.append(i == 0 ? "" : ", ").append("\"phrase ").append(i).append('"');
        }
        String drl = """
                package t;
                import org.bounceclassifier.engine.Phrase;
                global java.util.List fired;
                rule "wide"
                when
                    Phrase( text in (LIST) )
                    Phrase( text in (LIST) )
                then
                    fired.add("wide");
                end
                """.replace("LIST", many);
        PackageDescr pkg = parse(drl);
        // 10 x 10 branches would pass the limit: only the first list is rewritten
        assertEquals(1, InListExpansion.rewrite(pkg));
        assertEquals(fire(compile(parse(drl)), "phrase 1", "phrase 2"), fire(compile(pkg), "phrase 1", "phrase 2"));
    }
}
