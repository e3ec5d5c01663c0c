package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * Whether a host records IKE/IPsec events, so that their absence means something.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param ikeFailuresRecorded IKE failures are audited
 * @param ikeSuccessesRecorded IKE successes are audited
 * @param detail what showed it
 */
public record AuditCoverage(
        EvidenceRef ref,
        Side side,
        Instant time,
        boolean ikeFailuresRecorded,
        boolean ikeSuccessesRecorded,
        String detail) implements Fact {
    /** Checks the reference and side. */
    public AuditCoverage {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
