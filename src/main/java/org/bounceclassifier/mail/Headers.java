package org.bounceclassifier.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

/**
 * One block of header fields in their order: a message's header, or one block of a
 * delivery-status or feedback report. Names compare case-insensitively.
 *
 * <p>Each field keeps its unfolded body as written (for address parsing) and its text with RFC 2047
 * encoded words decoded (for reading).
 */
public final class Headers {
    /** A header field: {@code raw} is unfolded but not decoded, {@code text} is decoded. */
    public record Field(String name, String raw, String text) {
    }

    public static final Headers EMPTY = new Headers(List.of());

    private final List<Field> fields;

    Headers(List<Field> fields) {
        this.fields = List.copyOf(fields);
    }

    public List<Field> fields() {
        return fields;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    public boolean has(String name) {
        return first(name) != null;
    }

    /** The decoded text of the first field of this name, trimmed, or null. */
    public String first(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.text().trim();
            }
        }
        return null;
    }

    /** The decoded texts of every field of this name, trimmed, in order. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                values.add(f.text().trim());
            }
        }
        return values;
    }

    /** The addresses of every mailbox in the fields of this name (From, To, ...), lower case. */
    public List<String> addresses(String name) {
        List<String> out = new ArrayList<>();
        for (Field f : fields) {
            if (!f.name().equalsIgnoreCase(name)) {
                continue;
            }
            AddressList list = LenientAddressParser.DEFAULT.parseAddressList(f.raw());
            for (Address a : list) {
                if (a instanceof Mailbox m) {
                    addAddress(out, m);
                } else if (a instanceof Group g) {
                    g.getMailboxes().forEach(m -> addAddress(out, m));
                }
            }
        }
        return out;
    }

    /** The first address in the fields of this name, lower case, or null. */
    public String address(String name) {
        List<String> all = addresses(name);
        return all.isEmpty() ? null : all.get(0);
    }

    /** The display name of the first mailbox in the field ("Mail Delivery Subsystem"), or "". */
    public String displayName(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                Mailbox m = LenientAddressParser.DEFAULT.parseMailbox(f.raw());
                return m == null || m.getName() == null ? "" : m.getName();
            }
        }
        return "";
    }

    private static void addAddress(List<String> out, Mailbox m) {
        if (m.getLocalPart() == null || m.getLocalPart().isEmpty() || m.getDomain() == null) {
            return;
        }
        out.add(m.getAddress().toLowerCase(Locale.ROOT));
    }

    /** Decodes RFC 2047 encoded words, reading Japanese labels with their Microsoft supersets. */
    static String decodeWords(String raw) {
        if (raw.indexOf("=?") < 0) {
            return raw;
        }
        return org.apache.james.mime4j.codec.DecoderUtil.decodeEncodedWords(raw, DecodeMonitor.SILENT, null,
                TextDecoding.ENCODED_WORD_OVERRIDES);
    }
}
