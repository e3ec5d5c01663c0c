package dev.vpndiag.plugin.certs.internal.path;

import dev.vpndiag.plugin.certs.internal.format.Bc;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.Principal;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.x500.X500Principal;

/**
 * A certificate that remembers the outcome of every signature check made on it, so that path
 * building for many end-entity certificates under the same issuers verifies each signature once.
 * ECDSA signatures are verified with BouncyCastle (used by reference, not installed), whose
 * named-curve arithmetic is several times faster than the JDK 17 implementation; other algorithms
 * use the JDK. Everything else is answered by the wrapped JDK certificate, so the JDK's PKIX code
 * sees the same certificate apart from the cost of {@code verify}.
 *
 * <p>Thread-safe.
 */
final class CheckedCertificate extends X509Certificate {
    private static final long serialVersionUID = 1L;

    /** Converts issuer keys to BouncyCastle keys once per validation run. */
    static final class KeyCache {
        private final Map<PublicKey, PublicKey> bcKeys = new ConcurrentHashMap<>();
        private final Map<X509Certificate, CheckedCertificate> wrapped = new ConcurrentHashMap<>();

        /** The checked form of a certificate, the same instance for equal certificates. */
        X509Certificate wrap(X509Certificate cert) {
            if (cert instanceof CheckedCertificate c) {
                return c;
            }
            return wrapped.computeIfAbsent(cert, c -> new CheckedCertificate(c, this));
        }

        /** The BouncyCastle form of an EC key, or null when BouncyCastle cannot take it. */
        PublicKey bcKey(PublicKey key) {
            PublicKey k = bcKeys.computeIfAbsent(key, KeyCache::convert);
            return k == NO_KEY ? null : k;
        }

        private static PublicKey convert(PublicKey key) {
            try {
                return KeyFactory.getInstance("EC", Bc.PROVIDER).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
            } catch (GeneralSecurityException | RuntimeException e) {
                return NO_KEY;
            }
        }
    }

    /** Marks a key BouncyCastle cannot take, so the conversion is not retried. */
    private static final PublicKey NO_KEY = new PublicKey() {
        private static final long serialVersionUID = 1L;

        @Override
        public String getAlgorithm() {
            return "none";
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    };

    /** Marks a successful check. */
    private static final Object VALID = new Object();

    private final X509Certificate cert;
    private final transient KeyCache keys;
    /** Outcome per issuer key: {@link #VALID} or the exception the check threw. */
    private final transient Map<PublicKey, Object> outcomes = new ConcurrentHashMap<>(2);

    private CheckedCertificate(X509Certificate cert, KeyCache keys) {
        this.cert = cert;
        this.keys = keys;
    }

    @Override
    public void verify(PublicKey key) throws CertificateException, NoSuchAlgorithmException, InvalidKeyException,
            NoSuchProviderException, SignatureException {
        Object outcome = outcomes.get(key);
        if (outcome == null) {
            outcome = check(key);
            outcomes.putIfAbsent(key, outcome);
        }
        if (outcome == VALID) {
            return;
        }
        rethrow(outcome);
    }

    private Object check(PublicKey key) {
        try {
            PublicKey bc = key instanceof ECPublicKey ? keys.bcKey(key) : null;
            if (bc != null) {
                cert.verify(bc, Bc.PROVIDER);
            } else {
                cert.verify(key);
            }
            return VALID;
        } catch (GeneralSecurityException | RuntimeException e) {
            return e;
        }
    }

    private static void rethrow(Object outcome) throws CertificateException, NoSuchAlgorithmException, InvalidKeyException,
            NoSuchProviderException, SignatureException {
        if (outcome instanceof CertificateException e) {
            throw e;
        } else if (outcome instanceof NoSuchAlgorithmException e) {
            throw e;
        } else if (outcome instanceof InvalidKeyException e) {
            throw e;
        } else if (outcome instanceof NoSuchProviderException e) {
            throw e;
        } else if (outcome instanceof SignatureException e) {
            throw e;
        } else if (outcome instanceof RuntimeException e) {
            throw e;
        }
        throw new SignatureException("signature check failed: " + outcome);
    }

    @Override
    public void verify(PublicKey key, String sigProvider) throws CertificateException, NoSuchAlgorithmException,
            InvalidKeyException, NoSuchProviderException, SignatureException {
        if (sigProvider == null || sigProvider.isEmpty()) {
            verify(key);
        } else {
            cert.verify(key, sigProvider);
        }
    }

    @Override
    public void verify(PublicKey key, Provider sigProvider) throws CertificateException, NoSuchAlgorithmException,
            InvalidKeyException, SignatureException {
        if (sigProvider == null) {
            try {
                verify(key);
            } catch (NoSuchProviderException e) {
                throw new NoSuchAlgorithmException(e);
            }
        } else {
            cert.verify(key, sigProvider);
        }
    }

    @Override
    public void checkValidity() throws CertificateExpiredException, CertificateNotYetValidException {
        cert.checkValidity();
    }

    @Override
    public void checkValidity(Date date) throws CertificateExpiredException, CertificateNotYetValidException {
        cert.checkValidity(date);
    }

    @Override
    public int getVersion() {
        return cert.getVersion();
    }

    @Override
    public BigInteger getSerialNumber() {
        return cert.getSerialNumber();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Principal getIssuerDN() {
        return cert.getIssuerDN();
    }

    @Override
    public X500Principal getIssuerX500Principal() {
        return cert.getIssuerX500Principal();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Principal getSubjectDN() {
        return cert.getSubjectDN();
    }

    @Override
    public X500Principal getSubjectX500Principal() {
        return cert.getSubjectX500Principal();
    }

    @Override
    public Date getNotBefore() {
        return cert.getNotBefore();
    }

    @Override
    public Date getNotAfter() {
        return cert.getNotAfter();
    }

    @Override
    public byte[] getTBSCertificate() throws CertificateEncodingException {
        return cert.getTBSCertificate();
    }

    @Override
    public byte[] getSignature() {
        return cert.getSignature();
    }

    @Override
    public String getSigAlgName() {
        return cert.getSigAlgName();
    }

    @Override
    public String getSigAlgOID() {
        return cert.getSigAlgOID();
    }

    @Override
    public byte[] getSigAlgParams() {
        return cert.getSigAlgParams();
    }

    @Override
    public boolean[] getIssuerUniqueID() {
        return cert.getIssuerUniqueID();
    }

    @Override
    public boolean[] getSubjectUniqueID() {
        return cert.getSubjectUniqueID();
    }

    @Override
    public boolean[] getKeyUsage() {
        return cert.getKeyUsage();
    }

    @Override
    public List<String> getExtendedKeyUsage() throws CertificateParsingException {
        return cert.getExtendedKeyUsage();
    }

    @Override
    public int getBasicConstraints() {
        return cert.getBasicConstraints();
    }

    @Override
    public Collection<List<?>> getSubjectAlternativeNames() throws CertificateParsingException {
        return cert.getSubjectAlternativeNames();
    }

    @Override
    public Collection<List<?>> getIssuerAlternativeNames() throws CertificateParsingException {
        return cert.getIssuerAlternativeNames();
    }

    @Override
    public byte[] getEncoded() throws CertificateEncodingException {
        return cert.getEncoded();
    }

    @Override
    public PublicKey getPublicKey() {
        return cert.getPublicKey();
    }

    @Override
    public boolean hasUnsupportedCriticalExtension() {
        return cert.hasUnsupportedCriticalExtension();
    }

    @Override
    public Set<String> getCriticalExtensionOIDs() {
        return cert.getCriticalExtensionOIDs();
    }

    @Override
    public Set<String> getNonCriticalExtensionOIDs() {
        return cert.getNonCriticalExtensionOIDs();
    }

    @Override
    public byte[] getExtensionValue(String oid) {
        return cert.getExtensionValue(oid);
    }

    @Override
    public boolean equals(Object other) {
        return this == other || (other instanceof X509Certificate && cert.equals(other instanceof CheckedCertificate c ? c.cert : other));
    }

    @Override
    public int hashCode() {
        return cert.hashCode();
    }

    @Override
    public String toString() {
        return cert.toString();
    }
}
