package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * Whether a certificate whose private key could not be judged from its own evidence item has a
 * matching private key elsewhere on the same side (for example a strongSwan store, where
 * {@code certs/} and {@code private/} are separate files). Derived from {@link StoredCertificate}
 * and {@link StoredPrivateKey} facts by public key equality.
 *
 * @param ref the certificate's reference
 * @param side the side the certificate and keys came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param subject the certificate's subject
 * @param thumbprint the certificate's SHA-1 thumbprint in hex, as in {@link StoredCertificate}
 * @param hasPrivateKey a private key of the same side matches the certificate's public key
 * @param keyRef where the matching key was read, or null when none matched
 */
public record PrivateKeyMatch(
        EvidenceRef ref,
        Side side,
        Instant time,
        String subject,
        String thumbprint,
        boolean hasPrivateKey,
        EvidenceRef keyRef) implements Fact {
    /** Checks the reference and side. */
    public PrivateKeyMatch {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
