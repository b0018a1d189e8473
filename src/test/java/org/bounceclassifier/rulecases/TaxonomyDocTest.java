package org.bounceclassifier.rulecases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bounceclassifier.TestRules;
import org.junit.jupiter.api.Test;

/** docs/taxonomy.md lists the categories exactly as the bundled rules define them. */
class TaxonomyDocTest {
    private static final String BEGIN = "<!-- generated: test-rules --taxonomy -->\n";
    private static final String END = "<!-- end generated -->";

    @Test
    void theTaxonomyDocumentMatchesTheRules() throws Exception {
        String doc = Files.readString(Path.of("docs", "taxonomy.md"));
        int from = doc.indexOf(BEGIN) + BEGIN.length();
        String table = doc.substring(from, doc.indexOf(END, from)).strip() + "\n";
        assertEquals(TaxonomyTable.markdown(TestRules.bundled()), table,
                "docs/taxonomy.md is out of date: paste the output of test-rules --taxonomy between its markers");
    }
}
