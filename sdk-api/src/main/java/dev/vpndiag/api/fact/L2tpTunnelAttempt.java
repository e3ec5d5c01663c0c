package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * One L2TP control connection and its call, from a capture or a log.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param localAddress this side's address, or null
 * @param peerAddress the peer's address, or null
 * @param tunnelId the assigned tunnel id, or null
 * @param sccrqCount Start-Control-Connection-Requests seen (retransmissions included)
 * @param sccrpSeen a Start-Control-Connection-Reply was seen
 * @param tunnelEstablished the control connection completed (SCCCN)
 * @param callEstablished the call completed (ICCN)
 * @param stopCcnResult result code of a StopCCN, or null
 * @param cdnResult result code of a Call-Disconnect-Notify, or null
 * @param errorCode general error code, or null
 * @param detail the result message or logged text, shortened
 */
public record L2tpTunnelAttempt(
        EvidenceRef ref,
        Side side,
        Instant time,
        String localAddress,
        String peerAddress,
        Integer tunnelId,
        int sccrqCount,
        boolean sccrpSeen,
        boolean tunnelEstablished,
        boolean callEstablished,
        Integer stopCcnResult,
        Integer cdnResult,
        Integer errorCode,
        String detail) implements Fact {
    /** Checks the reference and side. */
    public L2tpTunnelAttempt {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
