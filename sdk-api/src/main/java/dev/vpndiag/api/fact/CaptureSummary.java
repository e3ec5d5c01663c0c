package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * What one packet capture covers, so that the absence of a packet in it means something: a
 * server-side capture spanning the attempt that holds no IKE shows IKE never arrived.
 *
 * @param ref         the capture
 * @param side        the side it was taken on
 * @param time        time of the first packet, or null for an empty capture
 * @param end         time of the last packet, or null
 * @param packets     packets in the capture
 * @param ikePackets  ISAKMP packets (UDP 500 and 4500, NAT keepalives excluded)
 * @param espPackets  ESP packets (plain and UDP-encapsulated)
 * @param l2tpPackets L2TP packets visible in clear (inner captures, ESP-null)
 */
public record CaptureSummary(
        EvidenceRef ref,
        Side side,
        Instant time,
        Instant end,
        long packets,
        long ikePackets,
        long espPackets,
        long l2tpPackets) implements Fact {
    /** Checks the reference and side. */
    public CaptureSummary {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
