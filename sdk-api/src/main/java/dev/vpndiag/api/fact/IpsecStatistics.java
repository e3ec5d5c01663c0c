package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * A snapshot of IPsec counters (IP Security Monitor, netsh, ipseccmd). Null means not shown.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param confidentialBytesSent bytes sent encrypted
 * @param confidentialBytesReceived bytes received encrypted
 * @param badSpiPackets packets with an unknown SPI
 * @param packetsNotDecrypted packets that failed decryption
 * @param packetsNotAuthenticated packets that failed authentication
 * @param keyAdditions key additions (rekeys)
 * @param mainModes main mode SAs
 * @param quickModes quick mode SAs
 * @param softAssociations soft (clear-text) associations
 * @param authenticationFailures IKE authentication failures
 */
public record IpsecStatistics(
        EvidenceRef ref,
        Side side,
        Instant time,
        Long confidentialBytesSent,
        Long confidentialBytesReceived,
        Long badSpiPackets,
        Long packetsNotDecrypted,
        Long packetsNotAuthenticated,
        Long keyAdditions,
        Long mainModes,
        Long quickModes,
        Long softAssociations,
        Long authenticationFailures) implements Fact {
    /** Checks the reference and side. */
    public IpsecStatistics {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
