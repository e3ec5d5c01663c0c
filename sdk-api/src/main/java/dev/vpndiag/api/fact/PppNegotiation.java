package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * The outcome of one PPP negotiation stage, from a capture or a log.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param stage LCP, AUTH, CCP or IPCP
 * @param outcome what happened
 * @param protocol the protocol concerned, such as MS-CHAPv2, or null
 * @param errorCode an error code such as the E= of an MS-CHAP failure, or null
 * @param detail options, logged text, shortened
 */
public record PppNegotiation(
        EvidenceRef ref,
        Side side,
        Instant time,
        PppStage stage,
        PppOutcome outcome,
        String protocol,
        Integer errorCode,
        String detail) implements Fact {
    /** Checks the reference and side. */
    public PppNegotiation {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
