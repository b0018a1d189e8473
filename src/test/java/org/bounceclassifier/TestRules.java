package org.bounceclassifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.engine.RuleSetException;
import org.bounceclassifier.engine.RuleSetLoader;

/** The bundled rules and cases, as tests find them (Maven runs tests in the project directory). */
public final class TestRules {
    public static final Path RULES = Path.of("rules");
    public static final Path CASES = Path.of("rules-tests");
    private static RuleSet bundled;

    private TestRules() {
    }

    /** The bundled rule set, loaded once for the whole test run (it is immutable). */
    public static synchronized RuleSet bundled() {
        if (bundled == null) {
            try {
                bundled = RuleSetLoader.load(RULES);
            } catch (RuleSetException e) {
                throw new AssertionError("the bundled rules do not load:\n" + e.getMessage(), e);
            }
        }
        return bundled;
    }

    /** A copy of the bundled rules that a test may break. */
    public static Path copyOfRules(Path into) {
        return copy(RULES, into.resolve("rules"));
    }

    /** A copy of the bundled rule cases that a test may change. */
    public static Path copyOfCases(Path into) {
        return copy(CASES, into.resolve("rules-tests"));
    }

    private static Path copy(Path from, Path target) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path dest = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
