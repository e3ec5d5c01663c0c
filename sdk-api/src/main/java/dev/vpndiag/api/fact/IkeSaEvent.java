package dev.vpndiag.api.fact;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * An IKE negotiation event as a host logged it (Windows audit, strongSwan, libreswan): a phase started, was established, or failed, with the reason.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param version IKEv1 or IKEv2, null when unknown
 * @param phase IKE_MAIN_MODE or IKE_QUICK_MODE
 * @param outcome what happened
 * @param reason why it failed; NONE unless outcome is FAILED
 * @param authMethod the authentication method in use, UNKNOWN when not stated
 * @param localAddress this host's address, or null
 * @param peerAddress the peer's address, or null
 * @param detail the logged text, shortened
 */
public record IkeSaEvent(
        EvidenceRef ref,
        Side side,
        Instant time,
        IkeVersion version,
        Layer phase,
        IkeOutcome outcome,
        IkeFailureReason reason,
        AuthMethod authMethod,
        String localAddress,
        String peerAddress,
        String detail) implements Fact {
    /** Checks the reference and side. */
    public IkeSaEvent {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
