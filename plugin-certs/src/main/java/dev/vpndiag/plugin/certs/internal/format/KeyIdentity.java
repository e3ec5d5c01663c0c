package dev.vpndiag.plugin.certs.internal.format;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Identifies keys by their public half, so a private key can be matched to its certificate. */
public final class KeyIdentity {
    private KeyIdentity() {
    }

    /** SHA-256 of the DER SubjectPublicKeyInfo, lower-case hex. */
    public static String of(PublicKey key) {
        return sha256(key.getEncoded());
    }

    /** SHA-256 of the DER SubjectPublicKeyInfo. */
    public static String of(SubjectPublicKeyInfo info) throws IOException {
        return sha256(info.getEncoded("DER"));
    }

    /** The public half of a private key as a key entry, or one with an unknown identity when it cannot be derived. */
    public static StoreContents.KeyEntry entry(PrivateKeyInfo info, String locator, boolean encrypted) {
        AlgorithmIdentifier alg = info.getPrivateKeyAlgorithm();
        ASN1ObjectIdentifier oid = alg.getAlgorithm();
        try {
            if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
                RSAPrivateKey rsa = RSAPrivateKey.getInstance(info.parsePrivateKey());
                return new StoreContents.KeyEntry(of(rsaPublic(rsa.getModulus(), rsa.getPublicExponent())), "RSA",
                        rsa.getModulus().bitLength(), locator, encrypted);
            }
            if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                var ec = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
                int size = ecSize(alg);
                if (ec.getPublicKey() != null) {
                    return new StoreContents.KeyEntry(of(new SubjectPublicKeyInfo(alg, ec.getPublicKey())), "EC", size, locator, encrypted);
                }
                byte[] derived = ecPublicPoint(alg, ec.getKey());
                if (derived != null) {
                    return new StoreContents.KeyEntry(of(new SubjectPublicKeyInfo(alg, derived)), "EC", size, locator, encrypted);
                }
                return new StoreContents.KeyEntry(null, "EC", size, locator, encrypted);
            }
            if (info.getPublicKeyData() != null) {
                return new StoreContents.KeyEntry(of(new SubjectPublicKeyInfo(alg, info.getPublicKeyData().getBytes())),
                        oid.getId(), 0, locator, encrypted);
            }
        } catch (IOException | RuntimeException e) {
            return new StoreContents.KeyEntry(null, oid.getId(), 0, locator, encrypted);
        }
        return new StoreContents.KeyEntry(null, oid.getId(), 0, locator, encrypted);
    }

    /** An RSA SubjectPublicKeyInfo as certificates encode it. */
    static SubjectPublicKeyInfo rsaPublic(BigInteger modulus, BigInteger exponent) throws IOException {
        return new SubjectPublicKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                new RSAPublicKey(modulus, exponent));
    }

    /**
     * The uncompressed public point d*G of a private key on a named curve, for keys stored without
     * their public half (the JDK writes PKCS#8 EC keys that way); null for other parameters.
     */
    private static byte[] ecPublicPoint(AlgorithmIdentifier alg, BigInteger d) {
        if (alg.getParameters() instanceof ASN1ObjectIdentifier curve) {
            var params = org.bouncycastle.asn1.x9.ECNamedCurveTable.getByOID(curve);
            if (params != null && d.signum() > 0 && d.compareTo(params.getN()) < 0) {
                return new org.bouncycastle.math.ec.FixedPointCombMultiplier().multiply(params.getG(), d).normalize().getEncoded(false);
            }
        }
        return null;
    }

    private static int ecSize(AlgorithmIdentifier alg) {
        if (alg.getParameters() instanceof ASN1ObjectIdentifier curve) {
            var params = org.bouncycastle.asn1.x9.ECNamedCurveTable.getByOID(curve);
            if (params != null) {
                return params.getCurve().getFieldSize();
            }
        }
        return 0;
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 not available", e);
        }
    }
}
