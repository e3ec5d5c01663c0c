package dev.vpndiag.plugin.eventlog.linux.internal.pppd;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.api.fact.PppNegotiation;
import dev.vpndiag.api.fact.PppOutcome;
import dev.vpndiag.api.fact.PppStage;
import dev.vpndiag.plugin.eventlog.linux.internal.text.FactOut;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LogLine;
import java.util.List;

/**
 * The error sentences macOS and iOS show when their built-in VPN client fails, as users quote them
 * (Apple's ppp project, {@code Controller/en.lproj/Localizable.strings}: "IPSec Error N", "VPN Error
 * N", "L2TP Error N"). Only the sentences that name one failure are read. "The L2TP-VPN server did
 * not respond" is not: Apple's L2TP plugin returns it both when IPsec never came up and when the
 * L2TP request got no reply, so it names no layer.
 */
final class AppleVpnDialogs {
    private record Sentence(String text, Layer layer, IkeFailureReason reason, AuthMethod auth) {
    }

    private static final List<Sentence> SENTENCES = List.of(
            new Sentence("The VPN Shared Secret is incorrect", Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.PRE_SHARED_KEY),
            new Sentence("The IPSec Shared Secret is missing", Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.PRE_SHARED_KEY),
            new Sentence("No VPN shared secret was provided", Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.PRE_SHARED_KEY),
            new Sentence("Could not validate the server certificate", Layer.IKE_MAIN_MODE, IkeFailureReason.CERT_UNTRUSTED, AuthMethod.CERTIFICATE),
            new Sentence("Certificate authentication failed", Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, AuthMethod.CERTIFICATE),
            new Sentence("Your certificate has expired", Layer.IKE_MAIN_MODE, IkeFailureReason.CERT_EXPIRED, AuthMethod.CERTIFICATE),
            new Sentence("Your certificate is premature", Layer.IKE_MAIN_MODE, IkeFailureReason.CERT_EXPIRED, AuthMethod.CERTIFICATE),
            new Sentence("The server certificate has expired", Layer.IKE_MAIN_MODE, IkeFailureReason.CERT_EXPIRED, AuthMethod.CERTIFICATE),
            new Sentence("The server certificate is premature", Layer.IKE_MAIN_MODE, IkeFailureReason.CERT_EXPIRED, AuthMethod.CERTIFICATE),
            new Sentence("The server certificate\u2019s identity is incorrect", Layer.IKE_MAIN_MODE, IkeFailureReason.ID_MISMATCH, AuthMethod.CERTIFICATE),
            new Sentence("The server certificate's identity is incorrect", Layer.IKE_MAIN_MODE, IkeFailureReason.ID_MISMATCH, AuthMethod.CERTIFICATE),
            new Sentence("The VPN server did not respond", Layer.IKE_MAIN_MODE, IkeFailureReason.NO_RESPONSE, AuthMethod.UNKNOWN),
            new Sentence("User Authentication failed", null, null, null));

    private AppleVpnDialogs() {
    }

    /** Whether a line without envelope starts with one of the sentences read here. */
    static boolean isOne(String m) {
        return find(m) != null;
    }

    private static Sentence find(String m) {
        for (Sentence s : SENTENCES) {
            if (m.startsWith(s.text())) {
                return s;
            }
        }
        return null;
    }

    /** Emits the failure the sentence names, as seen by the client that showed it; false when none. */
    static boolean read(LogLine l, String m, FactOut out) {
        Sentence s = find(m);
        if (s == null) {
            return false;
        }
        // the dialog is the client's own: a paste without a side is still the client's view
        Side side = out.side() == Side.UNKNOWN ? Side.CLIENT : out.side();
        if (s.layer() == null) {
            // XAuth (or EAP) refused the user's name or password, as PPP authentication does in L2TP
            out.emit(new PppNegotiation(out.ref(l.number), side, l.time, PppStage.AUTH, PppOutcome.FAILED, "XAuth", null,
                    FactOut.detail(m)));
        } else {
            out.emit(new IkeSaEvent(out.ref(l.number), side, l.time, IkeVersion.IKEV1, s.layer(), IkeOutcome.FAILED, s.reason(),
                    s.auth(), null, null, FactOut.detail(m + " (the client's error dialog)")));
        }
        return true;
    }
}
