package org.bounceclassifier.engine;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The normalized facts of one failed delivery, as the rules see them.
 *
 * <p>Parsing happens here, once, so that rules compare numbers and plain strings: the reply code as
 * a number (0 when unknown), the enhanced status split into class, subject and detail (-1 when
 * unknown), the diagnostic text both as written and normalized (NFKC, lower case, whitespace
 * folded), and the domains of recipient and sender.
 */
public final class Evidence {
    /** A reply code at the start of the text, as MTAs log it: "550 ...", "550-...", "smtp; 550 ...". */
    private static final Pattern LEADING_REPLY_CODE =
            Pattern.compile("^\\s*(?:smtp\\s*;\\s*)?([245][0-9][0-9])(?=[\\s\\-]|$)", Pattern.CASE_INSENSITIVE);
    /** A reply code directly followed by an enhanced status anywhere in the text: "said: 550 5.1.1". */
    private static final Pattern REPLY_CODE_BEFORE_STATUS =
            Pattern.compile("(?<![0-9.])([245][0-9][0-9])[\\s\\-]+[245]\\.[0-9]{1,3}\\.[0-9]{1,3}(?![0-9.])");
    /** An RFC 3463 enhanced status code that is not part of a longer dotted number such as an IP. */
    private static final Pattern ENHANCED_STATUS =
            Pattern.compile("(?<![0-9.])([245])\\.([0-9]{1,3})\\.([0-9]{1,3})(?![0-9]|\\.[0-9])");

    private final int smtpCode;
    private final String enhancedStatus;
    private final int statusClass;
    private final int statusSubject;
    private final int statusDetail;
    private final String diagnostic;
    private final String text;
    private final String recipient;
    private final String recipientDomain;
    private final String sender;
    private final String senderDomain;
    private final String remoteMta;
    private final String dsnAction;
    private final int consecutiveSoftBounces;

    private Evidence(BounceInput in, int maxDiagnosticChars) {
        String written = in.diagnostic() == null ? "" : in.diagnostic();
        this.diagnostic = written.length() > maxDiagnosticChars ? written.substring(0, maxDiagnosticChars) : written;
        this.text = normalize(diagnostic);
        this.smtpCode = in.smtpCode() != null ? in.smtpCode() : replyCodeIn(diagnostic);
        String status = in.enhancedStatus() != null ? in.enhancedStatus() : enhancedStatusIn(diagnostic);
        this.enhancedStatus = status;
        if (status != null) {
            String[] parts = status.split("\\.");
            this.statusClass = Integer.parseInt(parts[0]);
            this.statusSubject = Integer.parseInt(parts[1]);
            this.statusDetail = Integer.parseInt(parts[2]);
        } else {
            this.statusClass = -1;
            this.statusSubject = -1;
            this.statusDetail = -1;
        }
        this.recipient = in.recipient();
        this.recipientDomain = domainOf(in.recipient());
        this.sender = in.sender();
        this.senderDomain = domainOf(in.sender());
        this.remoteMta = in.remoteMta() == null ? null : in.remoteMta().toLowerCase(Locale.ROOT);
        this.dsnAction = in.dsnAction() == null ? null : in.dsnAction().trim().toLowerCase(Locale.ROOT);
        this.consecutiveSoftBounces = Math.max(0, in.consecutiveSoftBounces());
    }

    /** The evidence of an input; rules see at most the first {@code maxDiagnosticChars} of its text. */
    public static Evidence from(BounceInput input, int maxDiagnosticChars) {
        return new Evidence(input, maxDiagnosticChars);
    }

    public static Evidence from(BounceInput input) {
        return new Evidence(input, EngineLimits.DEFAULT.maxDiagnosticChars());
    }

    /**
     * The form in which rules and phrases are compared: Unicode NFKC (so full-width Japanese
     * punctuation and digits match their ASCII forms), lower case, runs of whitespace as one space.
     */
    public static String normalize(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        // NFKC changes nothing in ASCII text, which most diagnostics are: skip its table lookups
        String n = (isAscii(s) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC)).toLowerCase(Locale.ROOT);
        return foldWhitespace(n).trim();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= ASCII_LIMIT) {
                return false;
            }
        }
        return true;
    }

    private static final char ASCII_LIMIT = 0x80;

    /** Each run of whitespace ({@code \s}: space, tab, line breaks, vertical tab, form feed) as one space. */
    private static String foldWhitespace(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isSpace(c) || c == ' ' && (i + 1 == s.length() || !isSpace(s.charAt(i + 1)))) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            out.append(' ');
            while (i + 1 < s.length() && isSpace(s.charAt(i + 1))) {
                i++;
            }
        }
        return out == null ? s : out.toString();
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    static int replyCodeIn(String diagnostic) {
        Matcher m = LEADING_REPLY_CODE.matcher(diagnostic);
        if (m.find()) {
            return Integer.parseInt(m.group(1));
        }
        m = REPLY_CODE_BEFORE_STATUS.matcher(diagnostic);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static String enhancedStatusIn(String diagnostic) {
        Matcher m = ENHANCED_STATUS.matcher(diagnostic);
        if (!m.find()) {
            return null;
        }
        return Integer.parseInt(m.group(1)) + "." + Integer.parseInt(m.group(2)) + "." + Integer.parseInt(m.group(3));
    }

    static String domainOf(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            return null;
        }
        String domain = address.substring(at + 1).trim();
        if (domain.endsWith(">")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        return domain.toLowerCase(Locale.ROOT);
    }

    /** The reply code, or 0 when neither the caller nor the text gave one. */
    public int getSmtpCode() {
        return smtpCode;
    }

    public boolean hasSmtpCode() {
        return smtpCode != 0;
    }

    /** The enhanced status as "class.subject.detail", or null. */
    public String getEnhancedStatus() {
        return enhancedStatus;
    }

    public int getStatusClass() {
        return statusClass;
    }

    public int getStatusSubject() {
        return statusSubject;
    }

    public int getStatusDetail() {
        return statusDetail;
    }

    public String getDiagnostic() {
        return diagnostic;
    }

    /** The diagnostic text normalized for matching (see {@link #normalize}). */
    public String getText() {
        return text;
    }

    public String getRecipient() {
        return recipient;
    }

    public String getRecipientDomain() {
        return recipientDomain;
    }

    public String getSender() {
        return sender;
    }

    public String getSenderDomain() {
        return senderDomain;
    }

    public String getRemoteMta() {
        return remoteMta;
    }

    /** The DSN Action field in lower case ("failed", "delayed", ...), or null. */
    public String getDsnAction() {
        return dsnAction;
    }

    /** Soft bounces in a row for this recipient before this one, as the caller reported it. */
    public int getConsecutiveSoftBounces() {
        return consecutiveSoftBounces;
    }
}
