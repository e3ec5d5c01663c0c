package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * ESP packets seen for one SPI in one direction.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param source sender address
 * @param destination receiver address
 * @param spi security parameter index
 * @param packets packets seen
 * @param bytes bytes of ESP payload seen
 * @param udpEncapsulated carried in UDP 4500 (NAT traversal)
 * @param payloadReadable null encryption: the inner packet could be decoded
 * @param lastSeen time of the last packet, or null
 */
public record EspFlow(
        EvidenceRef ref,
        Side side,
        Instant time,
        String source,
        String destination,
        long spi,
        long packets,
        long bytes,
        boolean udpEncapsulated,
        boolean payloadReadable,
        Instant lastSeen) implements Fact {
    /** Checks the reference and side. */
    public EspFlow {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
