package dev.vpndiag.core;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.CaptureSummary;
import dev.vpndiag.api.fact.ChainFailure;
import dev.vpndiag.api.fact.ChainValidation;
import dev.vpndiag.api.fact.EspFlow;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.IkeConversation;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeNotify;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.api.fact.L2tpTunnelAttempt;
import dev.vpndiag.api.fact.PppNegotiation;
import dev.vpndiag.api.fact.PppOutcome;
import dev.vpndiag.api.fact.PppStage;
import dev.vpndiag.api.fact.RasError;
import dev.vpndiag.api.fact.TimeBasis;
import java.time.Instant;
import java.util.List;

/** Short constructors for the facts scenario tests need. */
final class Facts {
    static final String CLIENT = "198.51.100.2";
    static final String SERVER = "203.0.113.2";
    static final Instant T0 = Instant.parse("2026-11-20T10:15:00Z");

    private Facts() {
    }

    static EvidenceRef ref(String locator) {
        return EvidenceRef.of("test", locator);
    }

    static EvidenceBundle bundle(Fact... facts) {
        return EvidenceBundle.of(Evidence.facts("test-facts", List.of(facts)));
    }

    static IkeConversation ike(Side side, int initiatorMsgs, int responderMsgs, int mm, int qm) {
        return new IkeConversation(ref("frames 1-" + (initiatorMsgs + responderMsgs)), side, T0, IkeVersion.IKEV1,
                CLIENT, SERVER, "0badc0ffee000001", responderMsgs == 0 ? "0000000000000000" : "00c0ffee00000002",
                initiatorMsgs, responderMsgs, Math.max(0, initiatorMsgs - 1), mm, qm, 0, 0, null, false, T0.plusSeconds(30));
    }

    static IkeSaEvent ikeEvent(Side side, Layer phase, IkeOutcome outcome, IkeFailureReason reason, AuthMethod auth) {
        return new IkeSaEvent(ref("line 12"), side, T0, IkeVersion.IKEV1, phase, outcome, reason, auth,
                side == Side.CLIENT ? CLIENT : SERVER, side == Side.CLIENT ? SERVER : CLIENT, reason.name());
    }

    static IkeSaEvent established(Side side, Layer phase) {
        return ikeEvent(side, phase, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, AuthMethod.CERTIFICATE);
    }

    static IkeNotify ikeNotify(int type, String name, Layer phase) {
        return new IkeNotify(ref("frame 2"), Side.CLIENT, T0, IkeVersion.IKEV1, phase, type, name, true, SERVER, CLIENT);
    }

    static EspFlow esp(Side side, String from, String to, long spi, long packets) {
        return new EspFlow(ref("frames 9-40"), side, T0, from, to, spi, packets, packets * 120, true, false, T0.plusSeconds(20));
    }

    static CaptureSummary capture(Side side, long ike, long esp) {
        return new CaptureSummary(EvidenceRef.of(side.name().toLowerCase() + "-outer.pcap"), side, T0, T0.plusSeconds(60),
                ike + esp, ike, esp, 0);
    }

    static L2tpTunnelAttempt l2tp(int sccrq, boolean sccrp, boolean call, Integer stopCcn, Integer cdn) {
        return new L2tpTunnelAttempt(ref("frames 50-60"), Side.CLIENT, T0, CLIENT, SERVER, sccrp ? 7 : null, sccrq, sccrp,
                sccrp && call, call, stopCcn, cdn, null, null);
    }

    static PppNegotiation ppp(PppStage stage, PppOutcome outcome, String protocol, String detail) {
        return new PppNegotiation(ref("line 40"), Side.CLIENT, T0, stage, outcome, protocol, null, detail);
    }

    static RasError ras(int code) {
        return new RasError(ref("record 4711"), Side.CLIENT, T0, code, "Work VPN", "RAS error " + code);
    }

    static ChainValidation chain(Side side, Side trustedBy, boolean valid, ChainFailure failure) {
        return new ChainValidation(ref("certificate CN=" + side.name().toLowerCase()), side, T0, "CN=" + side.name().toLowerCase(),
                trustedBy, T0, TimeBasis.TRUE_TIME, valid, failure, valid ? "valid" : failure.name());
    }

    /** A client-side view of an IPsec negotiation that completed both phases. */
    static List<Fact> ipsecUp() {
        return List.of(ike(Side.CLIENT, 6, 5, 6, 3), established(Side.CLIENT, Layer.IKE_MAIN_MODE),
                established(Side.CLIENT, Layer.IKE_QUICK_MODE));
    }

    static EvidenceBundle bundle(List<? extends Fact> a, Fact... more) {
        List<Fact> all = new java.util.ArrayList<>(a);
        all.addAll(List.of(more));
        return EvidenceBundle.of(Evidence.facts("test-facts", all));
    }
}
