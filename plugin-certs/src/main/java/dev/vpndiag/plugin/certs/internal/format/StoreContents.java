package dev.vpndiag.plugin.certs.internal.format;

import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * What one evidence item holds: certificates and private keys, each with its place in the item.
 * Filled by the format readers, turned into facts by the provider. Not thread-safe.
 */
public final class StoreContents {

    /**
     * A certificate.
     *
     * @param cert    the certificate
     * @param locator where in the item
     * @param hasKey  whether the item holds its private key, or null when the format does not say
     */
    public record CertEntry(X509Certificate cert, String locator, Boolean hasKey) {
    }

    /**
     * A private key.
     *
     * @param publicKeySha256 SHA-256 of the public key's SubjectPublicKeyInfo in hex, null when unknown
     * @param algorithm       key algorithm
     * @param size            key size in bits, 0 when unknown
     * @param locator         where in the item
     * @param encrypted       stored encrypted
     */
    public record KeyEntry(String publicKeySha256, String algorithm, int size, String locator, boolean encrypted) {
    }

    private final List<CertEntry> certs = new ArrayList<>();
    private final List<KeyEntry> keys = new ArrayList<>();
    private boolean keysComplete;
    private CertificateFactory factory;

    /** The X.509 decoder for this item, created once and reused for every certificate in it. */
    CertificateFactory factory() throws CertificateException {
        if (factory == null) {
            factory = CertificateFactory.getInstance("X.509");
        }
        return factory;
    }

    /** Adds a certificate. */
    public void add(X509Certificate cert, String locator, Boolean hasKey) {
        certs.add(new CertEntry(cert, locator, hasKey));
    }

    /** Adds a private key. */
    public void add(KeyEntry key) {
        keys.add(key);
    }

    /**
     * Marks the item as a container that would hold a certificate's key if it had one (PKCS#12, a
     * keystore), so a certificate without a key entry has none.
     */
    public void keysComplete() {
        keysComplete = true;
    }

    /** True when absence of a key means the certificate has no key in this item. */
    public boolean isKeysComplete() {
        return keysComplete;
    }

    /** The certificates, in order. */
    public List<CertEntry> certs() {
        return certs;
    }

    /** The private keys, in order. */
    public List<KeyEntry> keys() {
        return keys;
    }
}
