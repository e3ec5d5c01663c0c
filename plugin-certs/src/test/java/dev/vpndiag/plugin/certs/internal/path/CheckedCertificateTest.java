package dev.vpndiag.plugin.certs.internal.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Remembered signature checks must give the JDK's answer, per key, every time. */
class CheckedCertificateTest {

    static X509Certificate signed(KeyPair subject, KeyPair issuer, String algorithm) throws Exception {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        var b = new JcaX509v3CertificateBuilder(new X500Name("CN=Issuer"), BigInteger.TEN, Date.from(t), Date.from(t.plusSeconds(86_400)),
                new X500Name("CN=Subject"), subject.getPublic());
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(algorithm).build(issuer.getPrivate())));
    }

    static KeyPair pair(String algorithm, int size) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        g.initialize(size);
        return g.generateKeyPair();
    }

    @Test
    void ecdsaAndRsaOutcomesMatchTheJdkAndStayPerKey() throws Exception {
        for (String[] alg : new String[][] {{"EC", "256", "SHA256withECDSA"}, {"EC", "384", "SHA384withECDSA"}, {"RSA", "1024", "SHA256withRSA"}}) {
            KeyPair issuer = pair(alg[0], Integer.parseInt(alg[1]));
            KeyPair other = pair(alg[0], Integer.parseInt(alg[1]));
            X509Certificate jdk = signed(pair(alg[0], Integer.parseInt(alg[1])), issuer, alg[2]);
            X509Certificate checked = new CheckedCertificate.KeyCache().wrap(jdk);
            for (int round = 0; round < 2; round++) {
                assertThatThrownBy(() -> checked.verify(other.getPublic())).as(alg[2]).isInstanceOf(SignatureException.class);
                checked.verify(issuer.getPublic());
                checked.verify(issuer.getPublic(), (String) null);
                assertThatThrownBy(() -> checked.verify(other.getPublic(), (String) null)).isInstanceOf(SignatureException.class);
            }
            assertThat(checked).isEqualTo(jdk).hasSameHashCodeAs(jdk);
            assertThat(jdk).isEqualTo(checked);
            assertThat(checked.getEncoded()).isEqualTo(jdk.getEncoded());
        }
    }

    @Test
    void tamperedSignatureFailsWithBouncyCastleToo() throws Exception {
        KeyPair issuer = pair("EC", 256);
        X509Certificate good = signed(pair("EC", 256), issuer, "SHA256withECDSA");
        byte[] der = good.getEncoded();
        der[der.length - 3] ^= 0x01; // inside the signature value
        X509Certificate bad = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(der));
        assertThatThrownBy(() -> bad.verify(issuer.getPublic())).isInstanceOf(SignatureException.class);
        X509Certificate checked = new CheckedCertificate.KeyCache().wrap(bad);
        assertThatThrownBy(() -> checked.verify(issuer.getPublic())).isInstanceOf(SignatureException.class);
    }

    @Test
    void wrappingIsIdempotentAndShared() throws Exception {
        KeyPair k = pair("EC", 256);
        X509Certificate c = signed(k, k, "SHA256withECDSA");
        CheckedCertificate.KeyCache cache = new CheckedCertificate.KeyCache();
        X509Certificate once = cache.wrap(c);
        assertThat(cache.wrap(once)).isSameAs(once);
        assertThat(cache.wrap(c)).isSameAs(once);
    }
}
