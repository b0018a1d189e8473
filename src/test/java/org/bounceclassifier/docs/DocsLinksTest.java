package org.bounceclassifier.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every link in the repository's Markdown (README.md, docs/, the READMEs of rules/ and
 * rules-tests/) leads somewhere: a relative link to a file or folder of the repository, its
 * {@code #anchor} to a heading of that file, and nothing else but a public http(s) site. So a doc
 * never points at a file that moved, nor outside the clone (../shared, /home/...), where a
 * newcomer has nothing.
 */
class DocsLinksTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    /** [text](target "title"), and ![alt](image) the same; the target ends at a space or ')'. */
    private static final Pattern INLINE = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    /** [label]: target */
    private static final Pattern REFERENCE = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");

    @Test
    void everyLinkResolvesInTheRepositoryOrIsAPublicSite() throws IOException {
        List<Path> docs = markdownFiles();
        assertTrue(docs.contains(ROOT.resolve("README.md")), "the README is checked: " + docs);
        assertTrue(docs.size() >= 5, "README.md and docs/*.md: " + docs);
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs) {
            for (Link link : links(doc)) {
                checked++;
                String problem = problem(doc, link.target());
                if (problem != null) {
                    broken.add(ROOT.relativize(doc) + ":" + link.line() + ": (" + link.target() + ") " + problem);
                }
            }
        }
        assertTrue(checked > 50, "links found: " + checked);
        assertEquals(List.of(), broken, "links that lead nowhere");
    }

    @Test
    void theCheckerRefusesWhatItShould() throws IOException {
        Path readme = ROOT.resolve("README.md");
        assertEquals(null, problem(readme, "https://www.drools.org/"));
        assertEquals(null, problem(readme, "docs/api.md#errors"));
        assertTrue(problem(readme, "../shared/corpus/sisimai-dev") != null, "outside the repository");
        assertTrue(problem(readme, "/etc/passwd") != null, "an absolute path");
        assertTrue(problem(readme, "docs/no-such-file.md") != null, "a missing file");
        assertTrue(problem(readme, "docs/api.md#no-such-heading") != null, "a missing heading");
        assertTrue(problem(readme, "ftp://example.org/") != null, "not a web site");
        assertEquals(List.of("a-b_c", "the-two-commands", "x-1"),
                List.of(slug("A b_c"), slug("The `two` commands"), slug("X 1")));
    }

    /** README.md, docs/ and every other Markdown file of the repository, outside build output. */
    private static List<Path> markdownFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> {
                        String rel = ROOT.relativize(p).toString();
                        return !rel.startsWith("target") && !rel.contains("node_modules") && !rel.startsWith(".");
                    })
                    .sorted().toList();
        }
    }

    private record Link(int line, String target) {
    }

    /** The links of a Markdown file, outside fenced code blocks and `code spans`. */
    private static List<Link> links(Path doc) throws IOException {
        List<Link> links = new ArrayList<>();
        boolean fenced = false;
        int n = 0;
        for (String line : Files.readAllLines(doc)) {
            n++;
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            String text = line.replaceAll("`[^`]*`", "``");
            Matcher m = INLINE.matcher(text);
            while (m.find()) {
                links.add(new Link(n, m.group(1)));
            }
            Matcher r = REFERENCE.matcher(text);
            if (r.matches()) {
                links.add(new Link(n, r.group(1)));
            }
        }
        return links;
    }

    /** Why a link leads nowhere, or null when it resolves. */
    static String problem(Path doc, String target) throws IOException {
        if (target.startsWith("https://") || target.startsWith("http://")) {
            return null;
        }
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return "not a web site and not a file of the repository";
        }
        if (target.startsWith("/")) {
            return "an absolute path: link relative to the file, inside the repository";
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? doc : doc.getParent().resolve(decode(path)).normalize();
        if (!resolved.startsWith(ROOT)) {
            return "leaves the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file in the repository";
        }
        if (anchor != null && !anchor.isEmpty()) {
            if (!resolved.toString().endsWith(".md")) {
                return "an anchor into a file that is not Markdown";
            }
            if (!anchors(resolved).contains(anchor)) {
                return "no heading #" + anchor + " in " + ROOT.relativize(resolved);
            }
        }
        return null;
    }

    private static String decode(String path) {
        return path.replace("%20", " ");
    }

    /** The anchors GitHub gives the headings of a file: slugs, the second of a name with -1. */
    private static Set<String> anchors(Path md) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(md)) {
            if (line.stripLeading().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (!fenced && m.matches()) {
                String slug = slug(m.group(2));
                int count = seen.merge(slug, 1, Integer::sum);
                anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
            }
        }
        return anchors;
    }

    /** GitHub's heading slug: lower case, punctuation dropped, each space a hyphen. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                out.appendCodePoint(c);
            } else if (c == ' ') {
                out.append('-');
            }
        });
        return out.toString();
    }
}
