package org.bounceclassifier.webhooks;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import io.vertx.core.json.JsonObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Amazon SNS as the tests need it: a signing key and certificate made in the test, messages signed
 * the way SNS signs them, and an {@link SnsClient} that hands out that certificate and remembers
 * which URLs it was asked for (no network).
 */
final class FakeSns implements SnsClient {
    static final String CERT_URL = "https://sns.ap-northeast-1.amazonaws.com/SimpleNotificationService-0000000000.pem";
    private final KeyPair keys;
    private final X509Certificate certificate;
    final List<URI> fetched = new CopyOnWriteArrayList<>();
    final List<URI> confirmed = new CopyOnWriteArrayList<>();

    FakeSns() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=sns.amazonaws.com");
        Instant now = Instant.now();
        certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name,
                keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }

    @Override
    public X509Certificate certificate(URI url) {
        fetched.add(url);
        return certificate;
    }

    @Override
    public void confirm(URI subscribeUrl) {
        confirmed.add(subscribeUrl);
    }

    /** An SNS Notification carrying {@code message}, signed with version {@code version}. */
    String notification(String topic, String messageId, String message, String version) throws Exception {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Message", message);
        f.put("MessageId", messageId);
        f.put("Timestamp", "2024-12-06T09:00:01.000Z");
        f.put("TopicArn", topic);
        f.put("Type", "Notification");
        return envelope(f, List.of("Message", "MessageId", "Timestamp", "TopicArn", "Type"), version);
    }

    String subscriptionConfirmation(String topic, String subscribeUrl) throws Exception {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("Message", "You have chosen to subscribe to the topic " + topic + ".");
        f.put("MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b");
        f.put("SubscribeURL", subscribeUrl);
        f.put("Timestamp", "2024-12-06T08:00:00.000Z");
        f.put("Token", "2336412f37fb687f5d51e6e2425dacbba7d9");
        f.put("TopicArn", topic);
        f.put("Type", "SubscriptionConfirmation");
        return envelope(f, List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"),
                "1");
    }

    private String envelope(Map<String, String> fields, List<String> signedOrder, String version) throws Exception {
        StringBuilder signed = new StringBuilder();
        for (String k : signedOrder) {
            signed.append(k).append('\n').append(fields.get(k)).append('\n');
        }
        Signature rsa = Signature.getInstance("1".equals(version) ? "SHA1withRSA" : "SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update(signed.toString().getBytes(StandardCharsets.UTF_8));
        JsonObject json = new JsonObject();
        fields.forEach(json::put);
        return json.put("SignatureVersion", version)
                .put("Signature", Base64.getEncoder().encodeToString(rsa.sign()))
                .put("SigningCertURL", CERT_URL)
                .put("UnsubscribeURL", "https://sns.ap-northeast-1.amazonaws.com/?Action=Unsubscribe")
                .encode();
    }
}
