package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * A host's CPU load.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param cpuPercent CPU use in percent, 0..100
 */
public record HostLoad(
        EvidenceRef ref,
        Side side,
        Instant time,
        double cpuPercent) implements Fact {
    /** Checks the reference and side. */
    public HostLoad {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
