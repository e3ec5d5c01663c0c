package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * IPsec task offload of one network adapter.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param adapter adapter name
 * @param ipsecOffloadCapable the adapter can offload IPsec/ESP
 * @param ipsecOffloadEnabled offload is enabled, or null when unknown
 */
public record OffloadState(
        EvidenceRef ref,
        Side side,
        Instant time,
        String adapter,
        boolean ipsecOffloadCapable,
        Boolean ipsecOffloadEnabled) implements Fact {
    /** Checks the reference and side. */
    public OffloadState {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
