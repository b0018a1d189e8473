package org.bounceclassifier.webhooks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SNS client of production: HTTPS with the JDK's trust store (so the certificate comes from
 * Amazon's host, as TLS proves), each signing certificate fetched once and kept while it is valid
 * (SNS uses a handful, rotated rarely).
 */
public final class HttpSnsClient implements SnsClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** More certificates than SNS ever uses at once; a bound so odd URLs cannot grow memory. */
    private static final int MAX_CACHED = 64;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<URI, X509Certificate> cache = new ConcurrentHashMap<>();

    @Override
    public X509Certificate certificate(URI url) throws IOException {
        X509Certificate cached = cache.get(url);
        if (cached != null && valid(cached)) {
            return cached;
        }
        byte[] pem = get(url);
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(url, cert);
            return cert;
        } catch (CertificateException e) {
            throw new IOException("the SNS signing certificate at " + url + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void confirm(URI subscribeUrl) throws IOException {
        get(subscribeUrl);
    }

    private byte[] get(URI url) throws IOException {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IOException(url + " answered " + r.statusCode());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + url, e);
        }
    }

    private static boolean valid(X509Certificate cert) {
        try {
            cert.checkValidity();
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }
}
