package dev.vpndiag.plugin.certs;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.ChainFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Deterministic certificate scenarios for chain validation: keys come from a SecureRandom seeded
 * with the key's name and signatures from one seeded with the certificate's subject, validity is
 * fixed relative to {@link #ATTEMPT}, so every run writes the same bytes.
 *
 * <p>Each scenario is a directory: {@code validator/roots.pem} (the trust anchors of the side that
 * validates), optionally {@code validator/intermediates.pem}, {@code holder/leaf.pem} and either
 * {@code holder/leaf.key} or {@code holder/leaf.p12} (certificate only, password
 * {@value #P12_PASSWORD}), optionally {@code holder/chain.pem} (CA certificates the holder has),
 * and {@code case.properties} for {@code golden/make-scenario-golden.sh}.
 */
final class ScenarioCertificates {
    /** The attempt time every scenario is validated at. */
    static final Instant ATTEMPT = Instant.parse("2026-06-01T12:00:00Z");
    static final String P12_PASSWORD = "scenario";
    private static final Duration DAY = Duration.ofDays(1);

    /**
     * One scenario.
     *
     * @param name       directory name
     * @param holder     side holding the end-entity certificate (the other side validates it)
     * @param userStore  the certificate is in the user's personal store
     * @param keyForm    "key" (matching PEM key), "wrong-key" (a PEM key of another pair) or "p12"
     *                   (PKCS#12 without a key)
     * @param expected   what the validator must say
     */
    record Scenario(String name, Side holder, boolean userStore, String keyForm, ChainFailure expected) {
        Side validator() {
            return holder == Side.CLIENT ? Side.SERVER : Side.CLIENT;
        }

        String purpose() {
            return holder == Side.CLIENT ? "sslclient" : "sslserver";
        }
    }

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("valid-machine", Side.CLIENT, false, "key", ChainFailure.NONE),
            new Scenario("valid-server", Side.SERVER, false, "key", ChainFailure.NONE),
            new Scenario("expired", Side.CLIENT, false, "key", ChainFailure.EXPIRED),
            new Scenario("not-yet-valid", Side.CLIENT, false, "key", ChainFailure.NOT_YET_VALID),
            new Scenario("untrusted-root", Side.CLIENT, false, "key", ChainFailure.NO_PATH),
            new Scenario("no-private-key", Side.CLIENT, false, "p12", ChainFailure.NONE),
            new Scenario("wrong-private-key", Side.CLIENT, false, "wrong-key", ChainFailure.NONE),
            new Scenario("user-store", Side.CLIENT, true, "key", ChainFailure.NONE),
            new Scenario("wrong-eku", Side.CLIENT, false, "key", ChainFailure.WRONG_PURPOSE),
            new Scenario("server-wrong-eku", Side.SERVER, false, "key", ChainFailure.WRONG_PURPOSE),
            new Scenario("missing-intermediate", Side.CLIENT, false, "key", ChainFailure.MISSING_INTERMEDIATE),
            new Scenario("bad-signature", Side.CLIENT, false, "key", ChainFailure.BAD_SIGNATURE));

    private final Map<String, KeyPair> keys = new LinkedHashMap<>();
    private final X509Certificate root;
    private final X509Certificate issuing;
    private final X509Certificate rogue;

    ScenarioCertificates() throws GeneralSecurityException, IOException {
        root = ca("CN=Scenario Root CA,O=vpndiag scenarios", key("root"), null, null,
                ATTEMPT.minus(DAY.multipliedBy(5 * 365)), ATTEMPT.plus(DAY.multipliedBy(10 * 365)), 1);
        issuing = ca("CN=Scenario Issuing CA,O=vpndiag scenarios", key("issuing"), root, key("root"),
                ATTEMPT.minus(DAY.multipliedBy(2 * 365)), ATTEMPT.plus(DAY.multipliedBy(5 * 365)), 2);
        rogue = ca("CN=Rogue Root CA,O=elsewhere", key("rogue"), null, null,
                ATTEMPT.minus(DAY.multipliedBy(365)), ATTEMPT.plus(DAY.multipliedBy(3650)), 3);
    }

    /** A key pair from a SecureRandom seeded with its name. */
    KeyPair key(String name) throws GeneralSecurityException {
        KeyPair k = keys.get(name);
        if (k == null) {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"), seeded("key " + name));
            k = gen.generateKeyPair();
            keys.put(name, k);
        }
        return k;
    }

    private static SecureRandom seeded(String seed) throws GeneralSecurityException {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(seed.getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private X509Certificate ca(String subject, KeyPair key, X509Certificate issuer, KeyPair issuerKey, Instant from, Instant to,
                               long serial) throws GeneralSecurityException, IOException {
        X500Name issuerName = issuer == null ? new X500Name(subject) : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(serial), Date.from(from),
                Date.from(to), new X500Name(subject), key.getPublic());
        b.addExtension(Extension.basicConstraints, true, issuer == null ? new BasicConstraints(true) : new BasicConstraints(0));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false,
                ext.createAuthorityKeyIdentifier((issuerKey == null ? key : issuerKey).getPublic()));
        return sign(b, issuerKey == null ? key : issuerKey, subject);
    }

    private X509Certificate leaf(Scenario s, X509Certificate issuer, KeyPair signer, Instant from, Instant to,
                                 KeyPurposeId eku, long serial) throws GeneralSecurityException, IOException {
        String subject = "CN=" + s.name() + "." + s.holder().name().toLowerCase(java.util.Locale.ROOT) + ".example,O=vpndiag scenarios";
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
                BigInteger.valueOf(serial), Date.from(from), Date.from(to), new X500Name(subject), key(s.name()).getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key(s.name()).getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer.getPublicKey()));
        return sign(b, signer, subject);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer, String subject)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .setSecureRandom(seeded("signature " + subject)).build(signer.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** Writes every scenario under the directory; returns the scenario directories in order. */
    List<Path> write(Path dir) throws GeneralSecurityException, IOException {
        List<Path> out = new ArrayList<>();
        long serial = 100;
        for (Scenario s : SCENARIOS) {
            Path d = dir.resolve(s.name());
            Files.createDirectories(d.resolve("validator"));
            Files.createDirectories(d.resolve("holder"));
            X509Certificate issuer = issuing;
            KeyPair signer = key("issuing");
            Instant from = ATTEMPT.minus(DAY.multipliedBy(30));
            Instant to = ATTEMPT.plus(DAY.multipliedBy(335));
            KeyPurposeId eku = s.holder() == Side.CLIENT ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth;
            boolean validatorHasIntermediate = true;
            List<X509Certificate> holderChain = new ArrayList<>();
            switch (s.name()) {
                case "expired" -> {
                    from = ATTEMPT.minus(DAY.multipliedBy(400));
                    to = ATTEMPT.minus(DAY.multipliedBy(35));
                }
                case "not-yet-valid" -> {
                    from = ATTEMPT.plus(DAY.multipliedBy(10));
                    to = ATTEMPT.plus(DAY.multipliedBy(375));
                }
                case "untrusted-root" -> {
                    issuer = rogue;
                    signer = key("rogue");
                    holderChain.add(rogue);
                }
                case "wrong-eku" -> eku = KeyPurposeId.id_kp_emailProtection;
                case "server-wrong-eku" -> eku = KeyPurposeId.id_kp_clientAuth;
                case "missing-intermediate" -> {
                    validatorHasIntermediate = false;
                    holderChain.add(issuing);
                }
                case "bad-signature" -> signer = key("impostor");
                default -> {
                }
            }
            X509Certificate leaf = leaf(s, issuer, signer, from, to, eku, serial++);
            Files.writeString(d.resolve("validator/roots.pem"), pem(root));
            if (validatorHasIntermediate) {
                Files.writeString(d.resolve("validator/intermediates.pem"), pem(issuing));
            }
            if (!holderChain.isEmpty()) {
                StringBuilder chain = new StringBuilder();
                for (X509Certificate c : holderChain) {
                    chain.append(pem(c));
                }
                Files.writeString(d.resolve("holder/chain.pem"), chain);
            }
            Files.writeString(d.resolve("holder/leaf.pem"), pem(leaf));
            switch (s.keyForm()) {
                case "key" -> Files.writeString(d.resolve("holder/leaf.key"), pemKey(key(s.name())));
                case "wrong-key" -> Files.writeString(d.resolve("holder/leaf.key"), pemKey(key(s.name() + " other")));
                case "p12" -> Files.write(d.resolve("holder/leaf.p12"), p12(leaf));
                default -> throw new IllegalStateException(s.keyForm());
            }
            Files.writeString(d.resolve("case.properties"), "purpose=" + s.purpose() + "\nattime=" + ATTEMPT.getEpochSecond()
                    + "\nholder=" + s.holder().name().toLowerCase(java.util.Locale.ROOT) + "\n");
            out.add(d);
        }
        return out;
    }

    static String pem(X509Certificate c) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n" + mime(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    private static String pemKey(KeyPair k) {
        return "-----BEGIN PRIVATE KEY-----\n" + mime(k.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
    }

    private static String mime(byte[] der) {
        return Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    }

    /** A PKCS#12 file holding the certificate and no key. */
    private static byte[] p12(X509Certificate leaf) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("leaf", leaf);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, P12_PASSWORD.toCharArray());
        return out.toByteArray();
    }
}
