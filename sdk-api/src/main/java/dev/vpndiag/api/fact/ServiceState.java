package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * The state of a service relevant to the connection (PolicyAgent, IKEEXT, RemoteAccess, strongswan, xl2tpd).
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param service service name
 * @param running running now
 * @param state the state as printed
 */
public record ServiceState(
        EvidenceRef ref,
        Side side,
        Instant time,
        String service,
        boolean running,
        String state) implements Fact {
    /** Checks the reference and side. */
    public ServiceState {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
