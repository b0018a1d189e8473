package org.bounceclassifier.mail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bounce e-mail fixtures: {@code src/test/resources/bounces/<folder>/NAME.eml}, each with
 * {@code NAME.expected.yaml} beside it. The folder is the layout that should read the message
 * (or dsn, auto-reply, arf, not-a-bounce for the machine-readable kinds).
 */
public final class BounceFixtures {
    public static final Path ROOT = Path.of("src", "test", "resources", "bounces");
    private static final String EML = ".eml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** What a fixture must give; {@code layout} and a result's type and action are checked when given. */
    public record Expected(String messageKind, String layout, List<ExpectedResult> results) {
        public Expected {
            results = results == null ? List.of() : List.copyOf(results);
        }
    }

    /** One recipient's expected answer. */
    public record ExpectedResult(String recipient, String category, String bounceType, String action) {
    }

    /** One fixture: the message file, its folder, and what it must give. */
    public record Fixture(Path eml, String folder, Expected expected) {
        public String title() {
            return folder + "/" + eml.getFileName();
        }

        public byte[] bytes() {
            try {
                return Files.readAllBytes(eml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private BounceFixtures() {
    }

    /** Every .eml under the root, sorted by path. */
    public static List<Path> messages() {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(EML)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path expectedFileOf(Path eml) {
        String name = eml.getFileName().toString();
        return eml.resolveSibling(name.substring(0, name.length() - EML.length()) + ".expected.yaml");
    }

    public static Fixture load(Path eml) {
        try {
            Expected expected = YAML.readValue(expectedFileOf(eml).toFile(), Expected.class);
            return new Fixture(eml, eml.getParent().getFileName().toString(), expected);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the expected answer of " + eml, e);
        }
    }
}
