package dev.vpndiag.api.fact;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * An IKE or IPsec proposal offered or accepted on the wire or in a log.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param version IKEv1 or IKEv2
 * @param phase IKE_MAIN_MODE or IKE_QUICK_MODE
 * @param fromResponder sent or configured by the responder; on the wire, in reply to the initiator's offer, it is the proposal the responder chose
 * @param encryption encryption algorithm, such as AES-CBC-256
 * @param integrity hash or integrity algorithm
 * @param dhGroup Diffie-Hellman group, or null
 * @param authMethod authentication method (phase 1), UNKNOWN otherwise
 * @param encapsulation TRANSPORT, TUNNEL, UDP_TRANSPORT, UDP_TUNNEL, or null
 * @param lifetimeSeconds proposed lifetime in seconds, or null
 */
public record IkeProposal(
        EvidenceRef ref,
        Side side,
        Instant time,
        IkeVersion version,
        Layer phase,
        boolean fromResponder,
        String encryption,
        String integrity,
        String dhGroup,
        AuthMethod authMethod,
        String encapsulation,
        Long lifetimeSeconds) implements Fact {
    /** Checks the reference and side. */
    public IkeProposal {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
