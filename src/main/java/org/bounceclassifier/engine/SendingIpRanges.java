package org.bounceclassifier.engine;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The IP ranges the operator's service sends from, per region: data the operator configures in
 * {@code data/sending-ip-ranges.yaml} of the rules directory, so that remediation texts can tell
 * a sender which ranges to ask a recipient to allow-list. Read once per rule set.
 *
 * <pre>
 * regions:
 *   - name: Tokyo
 *     ranges: [192.0.2.0/24, 2001:db8:10::/48]
 * </pre>
 *
 * <p>A missing file, an empty file or {@code regions: []} means "no ranges configured"; anything
 * else that is not this shape, and every range that is not an IPv4 or IPv6 address or CIDR block
 * (with no host bits set after the prefix), is a problem with file and line.
 */
public final class SendingIpRanges {
    /** Where the data file lives, relative to the rules directory. */
    public static final String FILE = "data/sending-ip-ranges.yaml";

    private static final YAMLFactory YAML = new YAMLFactory();
    /**
     * Only the written forms operators use: dotted quads, RFC 4291 IPv6, an optional /prefix. No
     * leading zeros in IPv4 (some tools read 010 as octal), no inet_aton short forms, no masks.
     */
    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowMask(false).allowPrefixOnly(false)
            .allowWildcardedSeparator(false)
            .getIPv4AddressParametersBuilder().allow_inet_aton(false).allowLeadingZeros(false)
            .allowWildcardedSeparator(false).getParentBuilder()
            .getIPv6AddressParametersBuilder().allowWildcardedSeparator(false)
            .getParentBuilder()
            .toParams();

    /** One region and its ranges in canonical form ({@code 192.0.2.0/24}, {@code 2001:db8::/32}). */
    public record Region(String name, List<String> ranges) {
    }

    public static final SendingIpRanges NONE = new SendingIpRanges(List.of());

    private final List<Region> regions;

    private SendingIpRanges(List<Region> regions) {
        this.regions = List.copyOf(regions);
    }

    public List<Region> regions() {
        return regions;
    }

    public boolean isEmpty() {
        return regions.isEmpty();
    }

    /** {@code Tokyo: 192.0.2.0/24, 198.51.100.0/25; Osaka: 203.0.113.0/24}, for the texts. */
    public String format() {
        return regions.stream().map(r -> r.name() + ": " + String.join(", ", r.ranges()))
                .collect(Collectors.joining("; "));
    }

    /**
     * Reads the data file; every problem found goes to {@code problems} with {@code file} and the
     * line, and the result is then {@link #NONE}.
     */
    public static SendingIpRanges parse(String file, byte[] yaml, List<RuleProblem> problems) {
        int before = problems.size();
        List<Region> regions = new ArrayList<>();
        try (JsonParser p = YAML.createParser(yaml)) {
            new Reader(file, p, problems).read(regions);
        } catch (IOException e) {
            problems.add(new RuleProblem(file, 0, "not valid YAML: " + firstLine(e.getMessage())));
        }
        return problems.size() == before ? new SendingIpRanges(regions) : NONE;
    }

    /** Walks the tokens, so that every error can name the line it is on. */
    private static final class Reader {
        private final String file;
        private final JsonParser p;
        private final List<RuleProblem> problems;

        Reader(String file, JsonParser p, List<RuleProblem> problems) {
            this.file = file;
            this.p = p;
            this.problems = problems;
        }

        void read(List<Region> into) throws IOException {
            JsonToken t = p.nextToken();
            if (t == null) {
                return; // an empty file: no ranges configured
            }
            if (t != JsonToken.START_OBJECT) {
                fail("expected a map with 'regions:', a list of {name, ranges}");
                return;
            }
            Set<String> names = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!"regions".equals(field)) {
                    fail("unknown key '" + field + "': the file has one key, 'regions'");
                    p.skipChildren();
                    continue;
                }
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    fail("'regions' must be a list of {name, ranges}");
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    Region region = region();
                    if (region != null && !names.add(region.name())) {
                        fail("region '" + region.name() + "' is listed twice");
                    } else if (region != null) {
                        into.add(region);
                    }
                }
            }
        }

        private Region region() throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                fail("each region must be a map with 'name' and 'ranges'");
                p.skipChildren();
                return null;
            }
            JsonLocation start = p.currentTokenLocation();
            String name = null;
            List<String> ranges = new ArrayList<>();
            boolean rangesGiven = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("name".equals(field) && value.isScalarValue() && !p.getText().isBlank()) {
                    name = p.getText().strip();
                } else if ("ranges".equals(field) && value == JsonToken.START_ARRAY) {
                    rangesGiven = true;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        String range = range();
                        if (range != null) {
                            ranges.add(range);
                        }
                    }
                } else {
                    fail("'" + field + "': a region has 'name' (text) and 'ranges' (a list of CIDR blocks)");
                    p.skipChildren();
                }
            }
            if (name == null) {
                problems.add(new RuleProblem(file, line(start), "a region needs a 'name'"));
                return null;
            }
            if (!rangesGiven || ranges.isEmpty() && !hasProblemsAfter(start)) {
                problems.add(new RuleProblem(file, line(start), "region '" + name + "' needs at least one range"));
                return null;
            }
            return new Region(name, List.copyOf(ranges));
        }

        /** One range: an address or a CIDR block, returned in canonical form, or null after a problem. */
        private String range() throws IOException {
            if (!p.currentToken().isScalarValue()) {
                fail("a range must be written as text such as 192.0.2.0/24");
                p.skipChildren();
                return null;
            }
            String text = p.getText().strip();
            IPAddress address;
            try {
                address = new IPAddressString(text, STRICT).toAddress();
            } catch (AddressStringException e) {
                fail("'" + text + "' is not an IPv4 or IPv6 address or CIDR block such as 192.0.2.0/24: "
                        + e.getMessage());
                return null;
            }
            if (address.isPrefixed() && !address.isPrefixBlock()) {
                fail("'" + text + "' has bits set after the /" + address.getNetworkPrefixLength()
                        + " prefix: did you mean " + address.toPrefixBlock().toCanonicalString() + "?");
                return null;
            }
            return address.toCanonicalString();
        }

        private boolean hasProblemsAfter(JsonLocation start) {
            return problems.stream().anyMatch(x -> file.equals(x.file()) && x.line() >= line(start));
        }

        private void fail(String message) {
            problems.add(new RuleProblem(file, line(p.currentTokenLocation()), message));
        }

        private static int line(JsonLocation location) {
            return location == null ? 0 : location.getLineNr();
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
