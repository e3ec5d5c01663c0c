package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * A private key found in a certificate store or key file. The key itself is never carried: only
 * what identifies its public half, so certificates read from other evidence items can be matched
 * to it.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param keyAlgorithm key algorithm, such as {@code RSA} or {@code EC}
 * @param keySize key size in bits, or 0 when unknown
 * @param publicKeySha256 SHA-256 over the DER SubjectPublicKeyInfo of the matching public key, in
 *                        lower-case hex; null when the key could not be opened (encrypted without
 *                        a password, or an algorithm whose public half cannot be derived)
 * @param encrypted the key was stored encrypted
 */
public record StoredPrivateKey(
        EvidenceRef ref,
        Side side,
        Instant time,
        String keyAlgorithm,
        int keySize,
        String publicKeySha256,
        boolean encrypted) implements Fact {
    /** Checks the reference and side. */
    public StoredPrivateKey {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
