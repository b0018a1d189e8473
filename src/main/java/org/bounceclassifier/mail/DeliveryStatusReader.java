package org.bounceclassifier.mail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the body of a {@code message/delivery-status} part (RFC 3464) or its internationalized
 * form {@code message/global-delivery-status} (RFC 6533): a block of per-message fields, then one
 * block per recipient, blocks separated by blank lines, each block in header syntax (read by
 * {@link HeaderReader}).
 */
final class DeliveryStatusReader {
    /** An RFC 3463 enhanced status code inside a field that may carry a comment after it. */
    private static final Pattern STATUS = Pattern.compile("(?<![0-9.])([245]\\.[0-9]{1,3}\\.[0-9]{1,3})(?![0-9])");
    /** RFC 3461 xtext: "+" and two hex digits stand for one byte ("+2B" is "+"). */
    private static final Pattern XTEXT = Pattern.compile("\\+([0-9A-Fa-f]{2})");
    /** RFC 6533 utf-8-addr-unitext: "\x{HEX}" stands for one code point. */
    private static final Pattern UNITEXT = Pattern.compile("\\\\x\\{([0-9A-Fa-f]{1,6})\\}");
    /** A field's type prefix such as "smtp;", "rfc822;", "dns;", "X-Postfix;". */
    private static final Pattern TYPE_PREFIX = Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9.\\-]*)\\s*;\\s*");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** The start of a multi-line reply's first line: "550-5.1.1 ". */
    private static final Pattern CONTINUED_REPLY = Pattern.compile("^([245][0-9]{2})-(?:([245]\\.[0-9]{1,3}\\.[0-9]{1,3})\\s)?");
    /** The start of a field line (not a folded continuation): its name. */
    private static final Pattern FIELD_NAME = Pattern.compile("^([A-Za-z][A-Za-z0-9-]{0,60})\\s*:");
    /** The fields that open a recipient's block. */
    private static final Set<String> RECIPIENT_FIELDS = Set.of("final-recipient", "original-recipient");

    /** One recipient's fields; any of them may be null. */
    record Recipient(String finalRecipient, String originalRecipient, String action, String status,
                     String diagnostic, String remoteMta) {
        /** The address the report is about: Final-Recipient, else Original-Recipient. */
        String address() {
            return finalRecipient != null ? finalRecipient : originalRecipient;
        }
    }

    /** The per-message Reporting-MTA and the recipient blocks. */
    record Report(String reportingMta, List<Recipient> recipients) {
    }

    private DeliveryStatusReader() {
    }

    static Report read(String body) {
        String reportingMta = null;
        List<Recipient> recipients = new ArrayList<>();
        for (String block : blocks(body)) {
            Headers fields = HeaderReader.read(block);
            if (fields.has("Final-Recipient") || fields.has("Original-Recipient")) {
                recipients.add(new Recipient(
                        address(fields.first("Final-Recipient")),
                        address(fields.first("Original-Recipient")),
                        action(fields.first("Action")),
                        status(fields.first("Status")),
                        withoutType(fields.first("Diagnostic-Code")),
                        host(fields.first("Remote-MTA"))));
            }
            if (reportingMta == null && fields.has("Reporting-MTA")) {
                // the per-message block, or a recipient block it runs into without a blank line
                reportingMta = host(fields.first("Reporting-MTA"));
            }
        }
        return new Report(reportingMta, recipients);
    }

    /**
     * Blocks of non-blank lines; a field's folded continuation lines are never blank. Some MTAs
     * (AOL's among them) write the recipient blocks one after the other without the blank line
     * RFC 3464 asks for: a recipient field that the block already has starts the next recipient's
     * block. (The order of fields inside a block varies: Action first, Diagnostic-Code and Status
     * before Final-Recipient, so only a repeated field is a sure sign of the next block.)
     */
    private static List<String> blocks(String body) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        Set<String> seen = new HashSet<>();
        for (String line : body.split("\n", -1)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    blocks.add(current.toString());
                    current.setLength(0);
                }
                seen.clear();
            } else {
                String name = fieldName(line);
                if (name != null && RECIPIENT_FIELDS.contains(name) && seen.contains(name)) {
                    blocks.add(current.toString());
                    current.setLength(0);
                    seen.clear();
                }
                if (name != null) {
                    seen.add(name);
                }
                current.append(line).append("\r\n");
            }
        }
        if (!current.isEmpty()) {
            blocks.add(current.toString());
        }
        return blocks;
    }

    /** The field name a line starts, lower case, or null for a continuation or other line. */
    private static String fieldName(String line) {
        Matcher m = FIELD_NAME.matcher(line);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** "rfc822; taro@example.jp" or "utf-8; 太郎@例え.jp" to the address, lower case. */
    static String address(String field) {
        if (field == null) {
            return null;
        }
        Matcher type = TYPE_PREFIX.matcher(field);
        String addressType = "rfc822";
        String value = field;
        if (type.find()) {
            addressType = type.group(1).toLowerCase(Locale.ROOT);
            value = field.substring(type.end());
        }
        value = value.trim();
        if (value.startsWith("<") && value.endsWith(">")) {
            value = value.substring(1, value.length() - 1).trim();
        }
        value = addressType.equals("utf-8") ? decodeUnitext(value) : decodeXtext(value);
        return value.isEmpty() ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String decodeXtext(String value) {
        if (value.indexOf('+') < 0) {
            return value;
        }
        return XTEXT.matcher(value).replaceAll(m -> Matcher.quoteReplacement(
                String.valueOf((char) Integer.parseInt(m.group(1), 16))));
    }

    private static String decodeUnitext(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        return UNITEXT.matcher(value).replaceAll(m -> Matcher.quoteReplacement(
                new String(Character.toChars(Integer.parseInt(m.group(1), 16)))));
    }

    private static String action(String field) {
        if (field == null || field.isBlank()) {
            return null;
        }
        return field.trim().split("[\\s(]", 2)[0].toLowerCase(Locale.ROOT);
    }

    static String status(String field) {
        if (field == null) {
            return null;
        }
        Matcher m = STATUS.matcher(field);
        return m.find() ? m.group(1) : null;
    }

    /** "smtp; 550 5.1.1 ..." to "550 5.1.1 ...": the type says how to read the text, not what it says. */
    static String withoutType(String field) {
        if (field == null) {
            return null;
        }
        Matcher type = TYPE_PREFIX.matcher(field);
        String text = type.find() ? field.substring(type.end()) : field;
        // the indentation of folded lines is layout, not content
        text = WHITESPACE.matcher(text).replaceAll(" ").strip();
        return text.isEmpty() ? null : withoutContinuationPrefixes(text);
    }

    /**
     * A multi-line reply written on one line keeps each line's "550-5.1.1 " prefix; they are
     * removed (the first kept as "550 5.1.1 ") so that the rules read the sentence, not the
     * prefixes that cut it.
     */
    static String withoutContinuationPrefixes(String text) {
        Matcher m = CONTINUED_REPLY.matcher(text);
        if (!m.find()) {
            return text;
        }
        String code = m.group(1);
        String status = m.group(2);
        Pattern repeated = Pattern.compile("(?<=\\s)" + code + "[ -]"
                + (status == null ? "" : "(?:" + Pattern.quote(status) + "\\s)?"));
        String rest = repeated.matcher(text.substring(m.end())).replaceAll("");
        return code + " " + (status == null ? "" : status + " ") + rest;
    }

    /** "dns; mx1.example.jp. (192.0.2.25)" to "mx1.example.jp". */
    static String host(String field) {
        String text = withoutType(field);
        if (text == null) {
            return null;
        }
        if (text.startsWith("[")) {
            // an address literal such as [192.0.2.25]
            int close = text.indexOf(']');
            return close > 1 ? text.substring(1, close) : null;
        }
        String host = text.split("[\\s(\\[]", 2)[0];
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
    }
}
