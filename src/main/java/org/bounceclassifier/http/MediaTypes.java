package org.bounceclassifier.http;

import java.util.Locale;

/** Content-Type checks without parameters ({@code application/json; charset=utf-8} is JSON). */
final class MediaTypes {
    private MediaTypes() {
    }

    /** JSON, or no Content-Type at all (many scripts omit it for JSON bodies). */
    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String type = base(contentType);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /** A whole e-mail: message/rfc822, or text/plain as many tools label a saved message. */
    static boolean isRawMessage(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        String type = base(contentType);
        return type.equals("message/rfc822") || type.equals("text/plain");
    }

    static String base(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }
}
