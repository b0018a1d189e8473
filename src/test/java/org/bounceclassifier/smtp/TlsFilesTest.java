package org.bounceclassifier.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The STARTTLS certificate from PEM files and from a PKCS#12 keystore, both made in the test. */
class TlsFilesTest {
    @Test
    void aPkcs12KeystoreServesTheSameCertificateAsThePemFiles(@TempDir Path dir) throws Exception {
        TestCertificate cert = TestCertificate.create(dir);
        SSLContext fromPem = TlsFiles.fromPem(cert.certFile, cert.keyFile);
        assertEquals("TLS", fromPem.getProtocol());

        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry("smtp", cert.privateKey, "ks-pw".toCharArray(), new Certificate[] {cert.certificate});
        Path file = dir.resolve("smtp.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            p12.store(out, "ks-pw".toCharArray());
        }
        SSLContext fromKeystore = TlsFiles.fromKeystore(file, "ks-pw".toCharArray());
        assertEquals("TLS", fromKeystore.getProtocol());

        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> TlsFiles.fromKeystore(file, "guess".toCharArray()));
        assertTrue(wrong.getMessage().contains("BOUNCE_SMTP_TLS_KEYSTORE_PASSWORD"), wrong.getMessage());
    }

    @Test
    void aKeyFileWithoutAKeyIsRefused(@TempDir Path dir) throws Exception {
        TestCertificate cert = TestCertificate.create(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsFiles.fromPem(cert.certFile, cert.certFile));
        assertTrue(e.getMessage().contains("holds no unencrypted PEM private key"), e.getMessage());
    }
}
