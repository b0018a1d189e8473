package org.bounceclassifier.mail.layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small readers of notice text shared by the layouts: lines, paragraphs, addresses, and the
 * recipient-block shapes several MTAs have in common.
 *
 * <p>Every pattern here has bounded repetition, so a long line without the expected shape costs
 * linear time, not quadratic.
 */
public final class TextScan {
    /**
     * An e-mail address in running text. Lengths are bounded (64 for the local part as RFC 5321
     * allows, 63 per domain label, 10 labels) so that a scan over a long run of letters stays linear;
     * letters beyond ASCII are allowed for internationalized addresses (RFC 6531).
     */
    public static final Pattern ADDRESS = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+!#$&'*/=?^`{|}~-])[\\p{L}\\p{N}._%+!#$&'*/=?^`{|}~-]{1,64}"
                    + "@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,62})(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,62})){1,10}");
    /**
     * A line that starts a Postfix/qmail/Courier-style block: {@code <addr>:} or
     * {@code <addr> (expanded from <x>):}; also {@code "addr":} (GMX, Web.de) and a bare
     * {@code addr:} (OpenSMTPD).
     */
    private static final Pattern ANGLE_BLOCK_START = Pattern.compile(
            "^\\s{0,4}(?:<([^<>\\s]{1,254}@[^<>\\s]{1,254})>|\"([^<>\\s\"]{1,254}@[^<>\\s\"]{1,254})\"|([^<>\\s\":]{1,254}@[^<>\\s\":]{1,254}))"
                    + "(?:\\s{0,8}\\([^)]{0,300}\\))?\\s{0,4}:(.*)$");
    /** "host mx.example.jp[192.0.2.25] said:" (Postfix) or "host mx.example.jp [192.0.2.25]" (Exim). */
    private static final Pattern HOST_SAID = Pattern.compile(
            "\\bhost\\s{1,4}([A-Za-z0-9][A-Za-z0-9.-]{0,252})\\s{0,4}\\[", Pattern.CASE_INSENSITIVE);

    private TextScan() {
    }

    public static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }

    /** The text before the first of the markers (compared in lower case), or all of it. */
    public static String cutAt(String text, String... markersLower) {
        String lower = text.toLowerCase(Locale.ROOT);
        int end = text.length();
        for (String marker : markersLower) {
            int at = lower.indexOf(marker);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        // lower-casing keeps positions for the scripts notices are written in; min() guards the rest
        return text.substring(0, Math.min(end, text.length()));
    }

    /** The text after the first occurrence of the marker (in lower case), or null when absent. */
    public static String after(String text, String markerLower) {
        int at = text.toLowerCase(Locale.ROOT).indexOf(markerLower);
        return at < 0 ? null : text.substring(Math.min(at + markerLower.length(), text.length()));
    }

    /** Runs of whitespace, line breaks included, as one space. */
    public static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        // what s.replaceAll("\\s+", " ").trim() gives, without the regex: the layouts
        // call this on every paragraph they look at, and most runs are already a single space
        StringBuilder out = null;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isRegexSpace(c)) {
                int end = i + 1;
                while (end < n && isRegexSpace(s.charAt(end))) {
                    end++;
                }
                if (out == null && (c != ' ' || end > i + 1)) {
                    out = new StringBuilder(n).append(s, 0, i);
                }
                if (out != null) {
                    out.append(' ');
                }
                i = end - 1;
            } else if (out != null) {
                out.append(c);
            }
        }
        return (out == null ? s : out.toString()).trim();
    }

    /** The characters of the regular expression class {@code \s}. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    public static boolean containsAny(String haystackLower, String... needlesLower) {
        for (String needle : needlesLower) {
            if (haystackLower.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /** Every address in the text, lower case, each once, in order. */
    public static List<String> addresses(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = ADDRESS.matcher(text);
        while (m.find()) {
            String address = m.group().toLowerCase(Locale.ROOT);
            if (!out.contains(address)) {
                out.add(address);
            }
        }
        return out;
    }

    /** The first address in the text, lower case, or null. */
    public static String firstAddress(String text) {
        Matcher m = ADDRESS.matcher(text);
        return m.find() ? m.group().toLowerCase(Locale.ROOT) : null;
    }

    /** Paragraphs: runs of non-blank lines, each kept with its line breaks. */
    public static List<String> paragraphs(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines(text)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    out.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.isEmpty()) {
            out.add(current.toString());
        }
        return out;
    }

    /** The first paragraph that contains the phrase (lower case), as one line, or null. */
    public static String paragraphContaining(String text, String phraseLower) {
        for (String p : paragraphs(text)) {
            String line = oneLine(p);
            if (line.toLowerCase(Locale.ROOT).contains(phraseLower)) {
                return line;
            }
        }
        return null;
    }

    /** The index of the first line at or after {@code from} containing any of the phrases, or -1. */
    public static int indexOfLine(List<String> lines, int from, String... phrasesLower) {
        for (int i = Math.max(0, from); i < lines.size(); i++) {
            if (containsAny(lines.get(i).toLowerCase(Locale.ROOT), phrasesLower)) {
                return i;
            }
        }
        return -1;
    }

    public static int indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /**
     * Recipient blocks in the shape Postfix, qmail, Yahoo and Courier share: a line that starts
     * with {@code <address>:}, the text after the colon and the lines after it up to a blank line
     * or the next such line. One finding per address (a second block for the same address is
     * added to the first).
     */
    public static List<Finding> angleBlocks(String text) {
        Map<String, StringBuilder> blocks = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : lines(text)) {
            Matcher start = ANGLE_BLOCK_START.matcher(line);
            if (start.matches()) {
                String named = start.group(1) != null ? start.group(1)
                        : start.group(2) != null ? start.group(2) : start.group(3);
                String address = named.toLowerCase(Locale.ROOT);
                current = blocks.computeIfAbsent(address, a -> new StringBuilder());
                current.append(' ').append(start.group(4));
            } else if (line.isBlank()) {
                current = null;
            } else if (current != null) {
                current.append(' ').append(line);
            }
        }
        List<Finding> out = new ArrayList<>();
        blocks.forEach((address, block) -> {
            String diagnostic = oneLine(block.toString());
            out.add(new Finding(address, diagnostic, hostIn(diagnostic)));
        });
        return out;
    }

    /** The host in "host mx.example.jp[192.0.2.25]" or "host mx.example.jp [192.0.2.25]", or null. */
    public static String hostIn(String text) {
        Matcher m = HOST_SAID.matcher(text);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** Markers after which a notice returns the original message inline, header first. */
    private static final String[] INLINE_COPY_MARKERS = {"unsent message follows", "original message follows",
            "returned message follows", "original message:", "this is a copy of the message",
            "copy of the original message", "the header of the original message", "original message headers",
            "----- original message", "-----original message", "------- returned message"};
    private static final Pattern HEADER_LINE = Pattern.compile("^([A-Za-z][A-Za-z0-9-]{0,60}):(.*)$");

    /**
     * The To and Cc addresses of an original message the notice returns inline (not as a MIME
     * part): the header after "----- Unsent message follows -----" and the like. Empty when
     * there is none.
     */
    public static List<String> inlineOriginalRecipients(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int at = -1;
        for (String marker : INLINE_COPY_MARKERS) {
            int i = lower.indexOf(marker);
            if (i >= 0 && (at < 0 || i < at)) {
                at = i;
            }
        }
        List<String> out = new ArrayList<>();
        if (at < 0) {
            return out;
        }
        List<String> lines = lines(text.substring(at));
        boolean started = false;
        boolean recipientField = false;
        for (int i = 1; i < lines.size() && i < 300; i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                if (started) {
                    break;
                }
                continue;
            }
            Matcher field = HEADER_LINE.matcher(line.strip());
            if (TextScan.indent(line) > 0 && started && !field.matches()) {
                if (recipientField) {
                    out.addAll(addresses(line));
                }
                continue;
            }
            if (!field.matches()) {
                if (started) {
                    break;
                }
                continue;
            }
            started = true;
            String name = field.group(1).toLowerCase(Locale.ROOT);
            recipientField = name.equals("to") || name.equals("cc");
            if (recipientField) {
                out.addAll(addresses(field.group(2)));
            }
        }
        return out.stream().distinct().toList();
    }

    /** A line that starts a returned message's header inside a notice's text. */
    private static final Pattern RETURNED_HEADER_START = Pattern.compile(
            "(?m)^(?:Received: ?(?:from|by) |Return-Path: ?<)");

    /**
     * The text before a returned message's header that follows the notice without any marker
     * (a "Received: from" or "Return-Path:" line at the start of a line), or all of it.
     */
    public static String cutAtReturnedHeader(String text) {
        Matcher m = RETURNED_HEADER_START.matcher(text);
        return m.find() ? text.substring(0, m.start()) : text;
    }

    /** A line of a multi-line reply: "550-5.1.1 text" or "550 5.1.1 text", the code and status captured. */
    private static final Pattern REPLY_LINE = Pattern.compile(
            "^\\s{0,4}([245][0-9]{2})[ -](?:([245]\\.[0-9]{1,3}\\.[0-9]{1,3})\\s)?(.*)$");

    /**
     * Multi-line replies as one: "550-5.1.1 The email account\n550-5.1.1 does not exist" becomes
     * "550 5.1.1 The email account does not exist", so the rules read the words, not the repeated
     * prefixes. Lines that do not repeat the first line's code are left as they are.
     */
    public static String joinReplyLines(String text) {
        StringBuilder out = new StringBuilder();
        String code = null;
        for (String line : lines(text)) {
            Matcher m = REPLY_LINE.matcher(line);
            if (m.matches() && m.group(1).equals(code)) {
                out.append(' ').append(m.group(3).strip());
                continue;
            }
            if (!out.isEmpty()) {
                out.append('\n');
            }
            if (m.matches()) {
                code = m.group(1);
                out.append(code).append(' ').append(m.group(2) == null ? "" : m.group(2) + " ").append(m.group(3).strip());
            } else {
                code = null;
                out.append(line);
            }
        }
        return out.toString();
    }

    /** The domain of an address, lower case, or "". */
    public static String domainOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** Whether the domain is one of the given domains or a subdomain of one. */
    public static boolean inDomains(String domain, List<String> domains) {
        for (String d : domains) {
            if (domain.equals(d) || domain.endsWith("." + d)) {
                return true;
            }
        }
        return false;
    }
}
