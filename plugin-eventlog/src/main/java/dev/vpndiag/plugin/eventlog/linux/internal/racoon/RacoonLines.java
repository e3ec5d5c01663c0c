package dev.vpndiag.plugin.eventlog.linux.internal.racoon;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.plugin.eventlog.linux.internal.text.FactOut;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LineHandler;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LogLine;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * racoon, Apple's fork of ipsec-tools and the IKEv1 daemon of macOS's built-in L2TP/IPsec client, as
 * {@code system.log} (or {@code log show}) prints it. Wordings from Apple's ipsec sources
 * ({@code isakmp.c}: "IPSec Phase 1 started (Initiated by me).", "Phase 1 negotiation failed due to
 * time up.", "Resend Phase 1 packet .."; {@code vpn.c}: "IPSec connecting to server .."; {@code oakley.c}, {@code isakmp_ident.c}, {@code proposal.c}: "HASH mismatched",
 * "couldn't find pskey by peer's ID.", "no suitable proposal found.") and from the session tracer of
 * the macOS releases before them ("IKE Packet: receive success. (Initiator, Main-Mode message 2).",
 * "IKE Packet: transmit success. (Phase1 Retransmit).", "IKEv1 Phase1 AUTH: success."), whose
 * phase names are written with or without a space ("Phase1", "Phase 1").
 */
public final class RacoonLines implements LineHandler {
    private static final Pattern PHASE = Pattern.compile("(?i)phase ?([12])");
    private static final Pattern PACKET = Pattern.compile(
            "IKE Packet: (transmit|receive) (success|failed)\\. \\((Initiator|Responder), (Main|Aggressive|Quick)-Mode [Mm]essage (\\d)");
    private static final Pattern SERVER = Pattern.compile("IPSec connecting to server (\\S+)");

    private final FactOut out;
    private String peer;
    private Boolean initiator;
    private boolean phaseOneUp;
    private boolean phaseOneFailed;
    private boolean phaseTwoFailed;
    /** Main mode messages received from the peer in the current negotiation. */
    private int answers;

    /** Reads racoon's lines of one file into {@code out}. */
    public RacoonLines(FactOut out) {
        this.out = out;
    }

    @Override
    public boolean line(LogLine l) {
        String m = l.message;
        Matcher server = SERVER.matcher(m);
        if (server.lookingAt()) {
            peer = server.group(1);
            return true;
        }
        Matcher packet = PACKET.matcher(m);
        if (packet.lookingAt()) {
            initiator = "Initiator".equals(packet.group(3));
            if ("receive".equals(packet.group(1)) && "success".equals(packet.group(2)) && !"Quick".equals(packet.group(4))) {
                answers++;
            }
            return true;
        }
        String lower = m.toLowerCase(Locale.ROOT);
        Matcher phase = PHASE.matcher(m);
        int n = phase.find() ? Integer.parseInt(phase.group(1)) : 0;
        if (lower.startsWith("ipsec phase") && lower.contains(" started")) {
            initiator = !lower.contains("initiated by peer");
            if (n == 1) {
                answers = 0;
                phaseOneUp = false;
                phaseOneFailed = false;
                phaseTwoFailed = false;
                event(l, Layer.IKE_MAIN_MODE, IkeOutcome.STARTED, IkeFailureReason.NONE, m);
            } else if (n == 2) {
                event(l, Layer.IKE_QUICK_MODE, IkeOutcome.STARTED, IkeFailureReason.NONE, m);
            }
        } else if (lower.startsWith("ipsec phase") && lower.contains(" established")) {
            if (n == 1 && !phaseOneUp) {
                phaseOneUp = true;
                event(l, Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, m);
            } else if (n == 2) {
                event(l, Layer.IKE_QUICK_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, m);
            }
        } else if (lower.contains("retransmit") && (lower.contains("maximum") || lower.contains("max ")) || lower.contains("negotiation failed due to time up")) {
            // the peer stopped answering (or never did): how far main mode got tells a blocked path from a later loss
            Layer layer = n == 2 || n == 0 && phaseOneUp ? Layer.IKE_QUICK_MODE : Layer.IKE_MAIN_MODE;
            fail(l, layer, IkeFailureReason.NO_RESPONSE, layer == Layer.IKE_MAIN_MODE && answers > 0
                    ? m + " (after " + answers + " answers from the peer)" : m);
        } else if (lower.contains("phase1 retransmit") || lower.contains("phase 1 retransmit")
                || lower.contains("phase2 retransmit") || lower.contains("phase 2 retransmit")
                || lower.startsWith("resend phase")) {
            event(l, n == 2 ? Layer.IKE_QUICK_MODE : Layer.IKE_MAIN_MODE, IkeOutcome.RETRANSMITTED, IkeFailureReason.NONE, m);
        } else if (lower.startsWith("hash mismatched") || lower.startsWith("couldn't find pskey")
                || lower.startsWith("couldn't find the pskey") || lower.contains("phase1 auth: fail")
                || lower.contains("phase 1 auth: fail")) {
            fail(l, Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, m);
        } else if (lower.startsWith("no suitable proposal found") || lower.startsWith("failed to get valid proposal")) {
            fail(l, phaseOneUp ? Layer.IKE_QUICK_MODE : Layer.IKE_MAIN_MODE, IkeFailureReason.NO_PROPOSAL_CHOSEN, m);
        } else if (lower.startsWith("no suitable policy found")) {
            fail(l, Layer.IKE_QUICK_MODE, IkeFailureReason.POLICY_MISMATCH, m);
        } else if (lower.startsWith("id mismatched with") || lower.startsWith("mismatched id was returned")) {
            fail(l, Layer.IKE_MAIN_MODE, IkeFailureReason.ID_MISMATCH, m);
        }
        return true;
    }

    private void fail(LogLine l, Layer layer, IkeFailureReason reason, String m) {
        if (layer == Layer.IKE_MAIN_MODE) {
            if (phaseOneFailed) {
                return;
            }
            phaseOneFailed = true;
        } else {
            if (phaseTwoFailed) {
                return;
            }
            phaseTwoFailed = true;
        }
        event(l, layer, IkeOutcome.FAILED, reason, m);
    }

    private void event(LogLine l, Layer layer, IkeOutcome outcome, IkeFailureReason reason, String m) {
        String lower = m.toLowerCase(Locale.ROOT);
        AuthMethod auth = lower.contains("pskey") || lower.startsWith("hash mismatched") ? AuthMethod.PRE_SHARED_KEY : AuthMethod.UNKNOWN;
        out.emit(new IkeSaEvent(out.ref(l.number), out.side(), l.time, IkeVersion.IKEV1, layer, outcome, reason, auth, null, peer,
                FactOut.detail(m)));
    }
}
