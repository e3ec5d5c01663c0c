package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * One IKE negotiation as seen on the wire by a capture: who sent what, how far it got.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param version IKEv1 or IKEv2
 * @param initiator initiator address
 * @param responder responder address
 * @param initiatorSpi initiator cookie/SPI in hex
 * @param responderSpi responder cookie/SPI in hex, all zeros while unanswered
 * @param initiatorMessages messages the initiator sent (retransmissions included)
 * @param responderMessages messages the responder sent
 * @param retransmissions messages that repeat an earlier one
 * @param mainModeStep furthest phase 1 message seen: IKEv1 main mode 1..6 (aggressive 1..3), IKEv2 IKE_SA_INIT 1..2 and IKE_AUTH 3..4; 0 for none
 * @param quickModeStep furthest phase 2 message seen: quick mode 1..3, CREATE_CHILD_SA 1..2; 0 for none
 * @param initiatorMessages4500 initiator messages on UDP 4500 (NAT traversal)
 * @param responderMessages4500 responder messages on UDP 4500
 * @param natDetected whether NAT-D payloads showed a NAT; null when not negotiated or not verifiable
 * @param fragmentsMissing an IP-fragmented IKE message was seen with fragments missing
 * @param lastSeen time of the last message, or null
 * @param responderBehindNat whether the NAT-D hashes showed the responder's address translated (a NAT in
 *                           front of the responder, the server for L2TP): true when a hash of it did not
 *                           match the address the message travelled with; false when the hashes were
 *                           checked and matched (weak: a capture at the sending end always matches);
 *                           null when not negotiated or not verifiable. A peer that forces NAT traversal
 *                           by sending a false hash of itself (strongSwan {@code forceencaps}) looks
 *                           behind a NAT.
 * @param fragmentedMessages IKE messages that travelled in IP fragments (reassembled, or seen with
 *                           fragments missing): certificate-bearing messages over a small MTU
 */
public record IkeConversation(
        EvidenceRef ref,
        Side side,
        Instant time,
        IkeVersion version,
        String initiator,
        String responder,
        String initiatorSpi,
        String responderSpi,
        int initiatorMessages,
        int responderMessages,
        int retransmissions,
        int mainModeStep,
        int quickModeStep,
        int initiatorMessages4500,
        int responderMessages4500,
        Boolean natDetected,
        boolean fragmentsMissing,
        Instant lastSeen,
        Boolean responderBehindNat,
        int fragmentedMessages) implements Fact {
    /** Checks the reference and side. */
    public IkeConversation {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }

    /** A conversation whose source cannot tell which messages travelled in IP fragments. */
    public IkeConversation(EvidenceRef ref, Side side, Instant time, IkeVersion version, String initiator, String responder,
                           String initiatorSpi, String responderSpi, int initiatorMessages, int responderMessages,
                           int retransmissions, int mainModeStep, int quickModeStep, int initiatorMessages4500,
                           int responderMessages4500, Boolean natDetected, boolean fragmentsMissing, Instant lastSeen,
                           Boolean responderBehindNat) {
        this(ref, side, time, version, initiator, responder, initiatorSpi, responderSpi, initiatorMessages, responderMessages,
                retransmissions, mainModeStep, quickModeStep, initiatorMessages4500, responderMessages4500, natDetected,
                fragmentsMissing, lastSeen, responderBehindNat, 0);
    }

    /** A conversation whose NAT-D hashes say nothing about which end is behind the NAT. */
    public IkeConversation(EvidenceRef ref, Side side, Instant time, IkeVersion version, String initiator, String responder,
                           String initiatorSpi, String responderSpi, int initiatorMessages, int responderMessages,
                           int retransmissions, int mainModeStep, int quickModeStep, int initiatorMessages4500,
                           int responderMessages4500, Boolean natDetected, boolean fragmentsMissing, Instant lastSeen) {
        this(ref, side, time, version, initiator, responder, initiatorSpi, responderSpi, initiatorMessages, responderMessages,
                retransmissions, mainModeStep, quickModeStep, initiatorMessages4500, responderMessages4500, natDetected,
                fragmentsMissing, lastSeen, null);
    }

    /** True when the responder sent anything at all. */
    public boolean responderAnswered() {
        return responderMessages > 0;
    }
}
