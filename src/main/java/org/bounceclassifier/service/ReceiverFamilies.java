package org.bounceclassifier.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bounceclassifier.engine.Category;

/**
 * The receiving providers grouped by family (Gmail / Google Workspace, Microsoft, Yahoo / AOL, ...)
 * as the experts list them in a properties file, and which family a bounce went to. This is for
 * display (the traffic screen's breakdown by receiver), not classification: the rules never see it.
 */
public final class ReceiverFamilies {
    /** The family of every receiver that no listed suffix matches. */
    public static final String OTHER = "other";
    /** The list in the jar; {@code serve --receiver-families} names another. */
    public static final String BUNDLED = "receiver-families.properties";
    /** A host name in a Remote-MTA value such as "dns; mx1.example.jp" or "mx.example.jp [192.0.2.1]". */
    private static final Pattern HOST = Pattern.compile("(?<![\\w.-])((?:[a-z0-9-]+\\.)+[a-z][a-z0-9-]*)\\.?(?![\\w.-])");
    private static final Pattern FAMILY_ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Set<String> SPIKE_KEYS =
            Set.of("spike.categories", "spike.recentHours", "spike.baselineHours", "spike.minimum", "spike.rise");

    /** One family: its id (in the database and the API), the name shown, and its domain suffixes. */
    public record Family(String id, String name, List<String> suffixes) {
    }

    private static volatile ReceiverFamilies bundled;

    private final List<Family> families;
    private final Map<String, Family> byId = new HashMap<>();
    /** Every suffix with its family: a lookup walks the name's suffixes, longest first. */
    private final Map<String, String> familyBySuffix = new HashMap<>();
    private final SpikeRule spikeRule;

    private ReceiverFamilies(List<Family> families, SpikeRule spikeRule) {
        this.families = List.copyOf(families);
        this.spikeRule = spikeRule;
        for (Family f : families) {
            byId.put(f.id(), f);
            f.suffixes().forEach(s -> familyBySuffix.put(s, f.id()));
        }
    }

    /** The list shipped in the jar. */
    public static ReceiverFamilies bundled() {
        ReceiverFamilies b = bundled;
        if (b == null) {
            try (InputStream in = ReceiverFamilies.class.getResourceAsStream(BUNDLED)) {
                b = parse(new InputStreamReader(in, StandardCharsets.UTF_8), "the bundled " + BUNDLED);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the bundled " + BUNDLED, e);
            }
            bundled = b;
        }
        return b;
    }

    /** @throws IllegalArgumentException when the file cannot be read or says something wrong (the message says what) */
    public static ReceiverFamilies load(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the receiver families " + file + ": " + e.getMessage(), e);
        }
    }

    static ReceiverFamilies parse(Reader reader, String where) throws IOException {
        Properties p = new Properties();
        p.load(reader);
        String list = p.getProperty("families");
        if (list == null || list.isBlank()) {
            throw new IllegalArgumentException(where + ": 'families = id, id, ...' is missing");
        }
        Set<String> known = new HashSet<>(SPIKE_KEYS);
        known.add("families");
        List<Family> families = new ArrayList<>();
        Map<String, String> seenSuffix = new HashMap<>();
        for (String id : items(list)) {
            if (!FAMILY_ID.matcher(id).matches() || id.equals(OTHER)) {
                throw new IllegalArgumentException(where + ": family id '" + id + "' must be lower-case letters, digits"
                        + " and _, and not '" + OTHER + "' (it is what matches nothing)");
            }
            String name = p.getProperty(id + ".name");
            String suffixes = p.getProperty(id + ".suffixes");
            if (name == null || name.isBlank() || suffixes == null || suffixes.isBlank()) {
                throw new IllegalArgumentException(where + ": family '" + id + "' needs " + id + ".name and " + id
                        + ".suffixes");
            }
            known.add(id + ".name");
            known.add(id + ".suffixes");
            List<String> domains = new ArrayList<>();
            for (String s : items(suffixes)) {
                String suffix = s.toLowerCase(Locale.ROOT);
                String other = seenSuffix.putIfAbsent(suffix, id);
                if (other != null) {
                    throw new IllegalArgumentException(where + ": suffix '" + suffix + "' is listed for both " + other
                            + " and " + id);
                }
                domains.add(suffix);
            }
            families.add(new Family(id, name.trim(), List.copyOf(domains)));
        }
        for (String key : p.stringPropertyNames()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "' (a family not in 'families'?)");
            }
        }
        return new ReceiverFamilies(families, spikeRule(p, where));
    }

    private static SpikeRule spikeRule(Properties p, String where) {
        Set<String> categories = new LinkedHashSet<>();
        for (String id : items(p.getProperty("spike.categories", ""))) {
            if (Category.fromId(id).isEmpty()) {
                throw new IllegalArgumentException(where + ": spike.categories names '" + id
                        + "', which is not a category (GET /v1/categories lists them)");
            }
            categories.add(id);
        }
        if (categories.isEmpty()) {
            throw new IllegalArgumentException(where + ": spike.categories must name at least one category");
        }
        int recent = (int) number(p, "spike.recentHours", where, 1, 24 * 7);
        int baseline = (int) number(p, "spike.baselineHours", where, 1, 24 * 30);
        long minimum = (long) number(p, "spike.minimum", where, 1, Integer.MAX_VALUE);
        double rise = number(p, "spike.rise", where, 0, 1);
        return new SpikeRule(Set.copyOf(categories), recent, baseline, minimum, rise);
    }

    private static double number(Properties p, String key, String where, double min, double max) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(where + ": " + key + " is missing");
        }
        try {
            double n = Double.parseDouble(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(where + ": " + key + " must be a number from " + min + " to " + max
                + ", not '" + value.trim() + "'");
    }

    private static List<String> items(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The family of a bounce: by the remote MTA's host when it names one a suffix matches, else by
     * the recipient's domain; {@link #OTHER} when neither matches, null when neither is known.
     */
    public String familyOf(String remoteMta, String recipientDomain) {
        String host = hostIn(remoteMta);
        String domain = recipientDomain == null || recipientDomain.isBlank() ? null
                : recipientDomain.trim().toLowerCase(Locale.ROOT);
        if (host == null && domain == null) {
            return null;
        }
        String byHost = host == null ? null : match(host);
        if (byHost != null) {
            return byHost;
        }
        String byDomain = domain == null ? null : match(domain);
        return byDomain != null ? byDomain : OTHER;
    }

    /** The family of the longest listed suffix of {@code name}, or null. */
    private String match(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        while (true) {
            String family = familyBySuffix.get(n);
            if (family != null) {
                return family;
            }
            int dot = n.indexOf('.');
            if (dot < 0) {
                return null;
            }
            n = n.substring(dot + 1);
        }
    }

    static String hostIn(String remoteMta) {
        if (remoteMta == null) {
            return null;
        }
        Matcher m = HOST.matcher(remoteMta.toLowerCase(Locale.ROOT));
        return m.find() ? m.group(1) : null;
    }

    /** The families in the order of the file ({@link #OTHER} is not among them). */
    public List<Family> families() {
        return families;
    }

    /** The name shown for a family id; an id no longer listed (the file changed) shows as itself. */
    public String nameOf(String id) {
        Family f = byId.get(id);
        return f == null ? id : f.name();
    }

    /** The position of a family in the file, for a stable order; unlisted ones (and other) after them. */
    public int orderOf(String id) {
        Family f = byId.get(id);
        return f == null ? families.size() : families.indexOf(f);
    }

    public SpikeRule spikeRule() {
        return spikeRule;
    }
}
