package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;
import java.util.List;

/**
 * A certificate found in a certificate store or file.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param store the store and role it was found in
 * @param subject subject distinguished name
 * @param issuer issuer distinguished name
 * @param serial serial number in hex
 * @param thumbprint SHA-1 thumbprint in hex
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param keyUsage key usage names
 * @param extendedKeyUsage extended key usage OIDs or names
 * @param subjectAltNames subject alternative names
 * @param ca a CA certificate
 * @param selfSigned issuer equals subject
 * @param hasPrivateKey a private key is present, or null when unknown
 * @param keyAlgorithm public key algorithm
 * @param keySize key size in bits
 * @param signatureAlgorithm signature algorithm
 * @param der the encoded certificate in base64 (DER), so derivers can validate paths; null when the source shows metadata only
 */
public record StoredCertificate(
        EvidenceRef ref,
        Side side,
        Instant time,
        CertificateStore store,
        String subject,
        String issuer,
        String serial,
        String thumbprint,
        Instant notBefore,
        Instant notAfter,
        List<String> keyUsage,
        List<String> extendedKeyUsage,
        List<String> subjectAltNames,
        boolean ca,
        boolean selfSigned,
        Boolean hasPrivateKey,
        String keyAlgorithm,
        int keySize,
        String signatureAlgorithm,
        String der) implements Fact {
    /** Checks the reference and side and copies the lists. */
    public StoredCertificate {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
        keyUsage = keyUsage == null ? List.of() : List.copyOf(keyUsage);
        extendedKeyUsage = extendedKeyUsage == null ? List.of() : List.copyOf(extendedKeyUsage);
        subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
    }
}
