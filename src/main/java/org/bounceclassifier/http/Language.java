package org.bounceclassifier.http;

import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;

/** Picks the language of labels and remediation: {@code ?lang=}, then Accept-Language, then the default. */
final class Language {
    private Language() {
    }

    /** @return the language, or null when {@code ?lang=} names one the rules have no texts for */
    static String choose(RoutingContext ctx, Set<String> available, String defaultLang) {
        String explicit = ctx.queryParams().get("lang");
        if (explicit != null) {
            String lang = explicit.trim().toLowerCase(Locale.ROOT);
            return available.contains(lang) ? lang : null;
        }
        for (LanguageHeader header : ctx.acceptableLanguages()) {
            String lang = header.tag().toLowerCase(Locale.ROOT);
            if (available.contains(lang)) {
                return lang;
            }
        }
        return defaultLang;
    }
}
