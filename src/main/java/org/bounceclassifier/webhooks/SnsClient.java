package org.bounceclassifier.webhooks;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;

/**
 * What the SES webhook asks of Amazon SNS over the network: the certificate that signs its messages,
 * and the confirmation of a subscription. Tests give their own, so no network is needed.
 */
public interface SnsClient {
    /** The certificate at an SNS {@code SigningCertURL} (already checked to be SNS's). */
    X509Certificate certificate(URI url) throws IOException;

    /** Visits a {@code SubscribeURL} (already checked to be SNS's), which confirms the subscription. */
    void confirm(URI subscribeUrl) throws IOException;
}
