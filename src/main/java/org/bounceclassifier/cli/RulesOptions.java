package org.bounceclassifier.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the rules and their cases are; shared by every command. */
final class RulesOptions {
    @Option(names = "--rules", paramLabel = "DIR", defaultValue = "${env:BOUNCE_RULES:-rules}",
            description = "Rules directory (default: ${DEFAULT-VALUE}; env BOUNCE_RULES).")
    Path rules;

    @Option(names = "--rules-tests", paramLabel = "DIR", defaultValue = "${env:BOUNCE_RULES_TESTS:-rules-tests}",
            description = "Rule cases directory (default: ${DEFAULT-VALUE}; env BOUNCE_RULES_TESTS).")
    Path rulesTests;
}
