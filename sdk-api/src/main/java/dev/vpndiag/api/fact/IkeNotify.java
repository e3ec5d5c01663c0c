package dev.vpndiag.api.fact;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * An unencrypted IKE notify seen on the wire (for example NO_PROPOSAL_CHOSEN, 14).
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param version IKEv1 or IKEv2
 * @param phase the phase the notify belongs to
 * @param notifyType notify message type number
 * @param typeName the notify's name, such as NO_PROPOSAL_CHOSEN
 * @param fromResponder sent by the responder
 * @param from sender address
 * @param to receiver address
 */
public record IkeNotify(
        EvidenceRef ref,
        Side side,
        Instant time,
        IkeVersion version,
        Layer phase,
        int notifyType,
        String typeName,
        boolean fromResponder,
        String from,
        String to) implements Fact {
    /** Checks the reference and side. */
    public IkeNotify {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
