package org.bounceclassifier.smtp;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The domains the receiver takes mail for: the return-path domains of the operator's sending.
 * Anything else is refused at RCPT, so the receiver never relays and never collects mail it has no
 * business with. Domains match exactly (a subdomain is another domain), in any case.
 */
public final class BounceDomains {
    private final Set<String> domains;

    private BounceDomains(Set<String> domains) {
        this.domains = domains;
    }

    /** @throws IllegalArgumentException when none is given or one is not a domain name */
    public static BounceDomains of(Collection<String> names) {
        Set<String> set = new TreeSet<>();
        for (String name : names == null ? Set.<String>of() : names) {
            String d = normalize(name);
            if (d == null || !d.matches("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*")) {
                throw new IllegalArgumentException("not a domain name: '" + name + "'; give the bounce domain "
                        + "as it stands after the @ of the return path, e.g. --bounce-domain bounce.example.com");
            }
            set.add(d);
        }
        if (set.isEmpty()) {
            throw new IllegalArgumentException("the SMTP receiver needs at least one --bounce-domain: the domain of "
                    + "the return path your mail is sent with; it refuses every other recipient");
        }
        return new BounceDomains(Set.copyOf(set));
    }

    /** Whether mail to {@code address} is for one of the bounce domains. */
    public boolean accepts(String address) {
        if (address == null) {
            return false;
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return false;
        }
        return domains.contains(normalize(address.substring(at + 1)));
    }

    public Set<String> names() {
        return new TreeSet<>(domains);
    }

    private static String normalize(String domain) {
        if (domain == null) {
            return null;
        }
        String d = domain.strip().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }
}
