package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * Protected packets a host discarded, from its logs or driver events.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param kind why the packets were discarded
 * @param count how many, at least 1
 * @param spi the SPI concerned, or null
 * @param peerAddress the peer's address, or null
 * @param detail the logged text, shortened
 */
public record EspDrop(
        EvidenceRef ref,
        Side side,
        Instant time,
        EspDropKind kind,
        long count,
        String spi,
        String peerAddress,
        String detail) implements Fact {
    /** Checks the reference and side. */
    public EspDrop {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
