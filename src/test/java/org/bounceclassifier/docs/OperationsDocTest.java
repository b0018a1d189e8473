package org.bounceclassifier.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bounceclassifier.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/operations.md's option table names exactly the options serve and stream have, and the page
 * names every environment variable the code reads, and none it does not: a renamed option or a
 * new variable cannot leave the operators' page behind.
 */
class OperationsDocTest {
    private static final Path DOC = Path.of("docs", "operations.md");
    private static final Pattern OPTION = Pattern.compile("`(--[a-z0-9-]+)`");
    /** A variable in a string literal or a picocli default ({@code ${env:BOUNCE_X}}), not a Java constant's name. */
    private static final Pattern ENV_IN_CODE = Pattern.compile("[\":](BOUNCE_[A-Z0-9_]+)");
    private static final Pattern ENV_IN_DOC = Pattern.compile("\\b(BOUNCE_[A-Z0-9_]+)\\b");

    @Test
    void theOptionTableNamesEveryOptionOfServeAndStreamAndNoOther() throws IOException {
        Set<String> inCode = new TreeSet<>();
        CommandLine cli = new CommandLine(new Main());
        for (String command : new String[] {"serve", "stream"}) {
            for (OptionSpec option : cli.getSubcommands().get(command).getCommandSpec().options()) {
                if (!option.usageHelp() && !option.versionHelp()) {
                    inCode.add(option.longestName());
                }
            }
        }
        Set<String> inTable = new TreeSet<>();
        for (String row : optionTable().lines().filter(l -> l.startsWith("| `--")).toList()) {
            Matcher m = OPTION.matcher(row.split("\\|")[1]);
            while (m.find()) {
                inTable.add(m.group(1));
            }
        }
        assertTrue(inCode.size() > 30, "options found: " + inCode);
        assertEquals(inCode, inTable, "the options of serve and stream against docs/operations.md's table");
    }

    @Test
    void everyEnvironmentVariableTheCodeReadsIsDocumentedAndNoOther() throws IOException {
        Set<String> inCode = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = ENV_IN_CODE.matcher(Files.readString(file));
                while (m.find()) {
                    inCode.add(m.group(1));
                }
            }
        }
        Set<String> inDoc = new TreeSet<>();
        Matcher m = ENV_IN_DOC.matcher(Files.readString(DOC));
        while (m.find()) {
            inDoc.add(m.group(1));
        }
        assertTrue(inCode.contains("BOUNCE_ADMIN_TOKEN") && inCode.contains("BOUNCE_PORT"), inCode.toString());
        assertEquals(inCode, inDoc, "environment variables in src/main/java against docs/operations.md");
    }

    /** The section "Options of serve and stream" up to the next section. */
    private static String optionTable() throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("### Options of `serve` and `stream`");
        assertTrue(start >= 0, "the section is there");
        int end = doc.indexOf("\n## ", start);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }
}
