package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * An ICMP destination-unreachable quoting an IKE, ESP or L2TP packet.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param from the host that sent the ICMP message
 * @param to the host it was sent to
 * @param icmpType ICMP type
 * @param code ICMP code
 * @param quotedProtocol UDP or ESP
 * @param quotedPort the quoted UDP destination port, 0 for ESP
 */
public record IcmpUnreachable(
        EvidenceRef ref,
        Side side,
        Instant time,
        String from,
        String to,
        int icmpType,
        int code,
        String quotedProtocol,
        int quotedPort) implements Fact {
    /** Checks the reference and side. */
    public IcmpUnreachable {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
