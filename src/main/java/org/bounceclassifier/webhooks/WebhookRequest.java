package org.bounceclassifier.webhooks;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One webhook call as a platform made it: its headers (names in any case) and its body, byte for
 * byte (signatures are over the exact bytes).
 */
public record WebhookRequest(Map<String, String> headers, byte[] body) {
    public WebhookRequest {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        headers = Map.copyOf(lower);
    }

    /** The header's value, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
