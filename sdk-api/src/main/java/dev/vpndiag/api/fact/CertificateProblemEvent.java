package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * A certificate problem a host logged about one of its own certificates outside any IKE exchange
 * (for example a Windows CAPI2 event saying the private key of a certificate could not be acquired).
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param subject the certificate's subject as logged, or null
 * @param problem what is wrong, in the IKE failure vocabulary (PRIVATE_KEY_MISSING, CERT_NOT_FOUND, CERT_UNTRUSTED, CERT_EXPIRED)
 * @param detail the logged text, shortened
 */
public record CertificateProblemEvent(
        EvidenceRef ref,
        Side side,
        Instant time,
        String subject,
        IkeFailureReason problem,
        String detail) implements Fact {
    /** Checks the reference and side. */
    public CertificateProblemEvent {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
