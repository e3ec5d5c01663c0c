package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * A host's clock compared with a reference time captured at the same moment.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param hostTime what the host's clock said
 * @param referenceTime true time at that moment
 */
public record HostClock(
        EvidenceRef ref,
        Side side,
        Instant time,
        Instant hostTime,
        Instant referenceTime) implements Fact {
    /** Checks the reference and side. */
    public HostClock {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }

    /** How far the host's clock is ahead of the reference (negative when behind). */
    public java.time.Duration offset() {
        return java.time.Duration.between(referenceTime, hostTime);
    }
}
