package dev.vpndiag.plugin.certs.internal.store;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.fact.CertificateStore;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.StoredCertificate;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns certificates into {@link StoredCertificate} facts and decides their store role. */
public final class CertificateFacts {
    private CertificateFacts() {
    }

    private static final String[] KEY_USAGE = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    /** Names for well-known extended key usage OIDs; others are given as OIDs. */
    public static final Map<String, String> EKU_NAMES = Map.of(
            "1.3.6.1.5.5.7.3.1", "serverAuth",
            "1.3.6.1.5.5.7.3.2", "clientAuth",
            "1.3.6.1.5.5.7.3.3", "codeSigning",
            "1.3.6.1.5.5.7.3.4", "emailProtection",
            "1.3.6.1.5.5.7.3.5", "ipsecEndSystem",
            "1.3.6.1.5.5.7.3.6", "ipsecTunnel",
            "1.3.6.1.5.5.7.3.7", "ipsecUser",
            "1.3.6.1.5.5.7.3.17", "ipsecIKE",
            "1.3.6.1.5.5.8.2.2", "ipsecIKEIntermediate",
            "2.5.29.37.0", "anyExtendedKeyUsage");

    /**
     * The store a certificate is in, from the evidence's {@code store} attribute, else the folder
     * layout of its name (strongSwan {@code cacerts/}, {@code certs/}), else what a dump says.
     *
     * @param dumpStore the store a Windows dump names, or null
     */
    public static CertificateStore baseStore(Evidence evidence, CertificateStore dumpStore) {
        String attr = evidence.attributes().get("store");
        if (attr != null) {
            switch (attr.strip().toLowerCase(Locale.ROOT)) {
                case "machine": return CertificateStore.MACHINE_PERSONAL;
                case "user": return CertificateStore.USER_PERSONAL;
                case "root": return CertificateStore.TRUSTED_ROOT;
                case "intermediate": return CertificateStore.INTERMEDIATE;
                default: break;
            }
        }
        if (dumpStore != null) {
            return dumpStore;
        }
        String[] parts = evidence.name().replace('\\', '/').split("/");
        for (int i = parts.length - 2; i >= 0; i--) {
            switch (parts[i].toLowerCase(Locale.ROOT)) {
                case "cacerts", "x509ca": return CertificateStore.TRUSTED_ROOT;
                case "certs", "x509": return CertificateStore.MACHINE_PERSONAL;
                default: break;
            }
        }
        return CertificateStore.UNKNOWN;
    }

    /** Refines the base store for one certificate: CA certificates in a personal store are its chain. */
    public static CertificateStore storeOf(X509Certificate cert, CertificateStore base) {
        boolean ca = cert.getBasicConstraints() >= 0;
        boolean selfSigned = isSelfSigned(cert);
        if (base == CertificateStore.MACHINE_PERSONAL || base == CertificateStore.USER_PERSONAL || base == CertificateStore.UNKNOWN) {
            if (ca && !selfSigned) {
                return CertificateStore.INTERMEDIATE;
            }
            if (ca) {
                return CertificateStore.UNKNOWN;
            }
        }
        return base;
    }

    /** True when the subject equals the issuer and the certificate's own key verifies it. */
    public static boolean isSelfSigned(X509Certificate cert) {
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        try {
            cert.verify(cert.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Builds the fact. */
    public static StoredCertificate fact(Evidence evidence, String locator, X509Certificate cert, CertificateStore store,
                                         Boolean hasKey) throws CertificateEncodingException {
        byte[] der = cert.getEncoded();
        PublicKey key = cert.getPublicKey();
        return new StoredCertificate(
                EvidenceRef.of(evidence.name(), locator + ": certificate " + cert.getSubjectX500Principal().getName()),
                evidence.side(), null, store,
                cert.getSubjectX500Principal().getName(),
                cert.getIssuerX500Principal().getName(),
                cert.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
                sha1(der),
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(),
                keyUsage(cert), extendedKeyUsage(cert), subjectAltNames(cert),
                cert.getBasicConstraints() >= 0, isSelfSigned(cert), hasKey,
                keyAlgorithm(key), keySize(key), cert.getSigAlgName(),
                Base64.getEncoder().encodeToString(der));
    }

    static String sha1(byte[] der) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 not available", e);
        }
    }

    static List<String> keyUsage(X509Certificate cert) {
        boolean[] ku = cert.getKeyUsage();
        List<String> out = new ArrayList<>();
        if (ku != null) {
            for (int i = 0; i < ku.length && i < KEY_USAGE.length; i++) {
                if (ku[i]) {
                    out.add(KEY_USAGE[i]);
                }
            }
        }
        return out;
    }

    static List<String> extendedKeyUsage(X509Certificate cert) {
        try {
            List<String> eku = cert.getExtendedKeyUsage();
            return eku == null ? List.of() : eku.stream().map(o -> EKU_NAMES.getOrDefault(o, o)).toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    static List<String> subjectAltNames(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            var names = cert.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    int type = (Integer) n.get(0);
                    String prefix = switch (type) {
                        case 1 -> "email:";
                        case 2 -> "DNS:";
                        case 4 -> "DN:";
                        case 6 -> "URI:";
                        case 7 -> "IP:";
                        default -> "other:";
                    };
                    out.add(prefix + (n.get(1) instanceof String s ? s : "(binary)"));
                }
            }
        } catch (CertificateParsingException e) {
            out.add("unreadable:" + e.getMessage());
        }
        return out;
    }

    static String keyAlgorithm(PublicKey key) {
        String a = key.getAlgorithm();
        return "EdDSA".equals(a) || "XDH".equals(a) ? a : a.toUpperCase(Locale.ROOT);
    }

    static int keySize(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
            return dsa.getParams().getP().bitLength();
        }
        return 0;
    }
}
