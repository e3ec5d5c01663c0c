package dev.vpndiag.plugin.eventlog.linux.internal.libreswan;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.plugin.eventlog.linux.internal.text.FactOut;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LineHandler;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LogLine;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pluto's state messages, {@code "conn"[instance] peer #state: text}, from libreswan 3.x to 5.x.
 * Each state number is one ISAKMP/IKE SA or one IPsec/Child SA; its phase is learnt from the
 * words pluto uses for it (Main Mode, STATE_MAIN_*, ISAKMP SA, IKE SA versus Quick Mode,
 * STATE_QUICK_*, IPsec SA, Child SA).
 */
public final class PlutoLines implements LineHandler {
    private static final int MAX_STATES = 4096;
    private static final Pattern STATE_LINE = Pattern.compile(
            "^\"([^\"]+)\"(?:\\[\\d+\\])?(?: ([0-9a-fA-F:.]+))?(?: #(\\d+))?: (.*)$");
    private static final Pattern PACKET_FROM = Pattern.compile("^packet from ([0-9a-fA-F:.]+?)(?::\\d+)?: (.*)$");
    private static final Pattern AUTH = Pattern.compile("auth=(\\w+)");

    private final FactOut out;
    private final Map<String, State> states = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
            return size() > MAX_STATES;
        }
    };

    /** Emits into {@code out}. */
    public PlutoLines(FactOut out) {
        this.out = out;
    }

    private static final class State {
        Layer phase;
        IkeVersion version;
        String peer;
        AuthMethod auth = AuthMethod.UNKNOWN;
        boolean failed;
    }

    @Override
    public boolean line(LogLine l) {
        String m = l.message;
        if (m.isEmpty()) {
            return true;
        }
        if (m.charAt(0) == '"') {
            Matcher s = STATE_LINE.matcher(m);
            if (!s.find()) {
                return false;
            }
            String key = s.group(3) != null ? s.group(3) : "conn:" + s.group(1);
            State st = states.computeIfAbsent(key, k -> new State());
            if (s.group(2) != null) {
                st.peer = s.group(2);
            }
            message(l, st, s.group(4));
            return true;
        }
        if (m.startsWith("packet from ")) {
            Matcher p = PACKET_FROM.matcher(m);
            if (p.find()) {
                String text = p.group(2);
                if (text.contains("no connection has been authorized") || text.contains("no suitable connection")) {
                    State st = new State();
                    st.peer = p.group(1);
                    st.phase = Layer.IKE_MAIN_MODE;
                    st.version = text.contains("IKEv2") ? IkeVersion.IKEV2 : IkeVersion.IKEV1;
                    event(l, st, Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.POLICY_MISMATCH, m);
                }
            }
        }
        return true;
    }

    private void message(LogLine l, State st, String t) {
        learnPhase(st, t);
        Matcher a = AUTH.matcher(t);
        if (t.contains("auth=") && a.find()) {
            String v = a.group(1);
            st.auth = v.startsWith("PRESHARED") || v.startsWith("PSK") || v.equals("secret") ? AuthMethod.PRE_SHARED_KEY
                    : v.startsWith("RSA") || v.startsWith("ECDSA") || v.startsWith("DIGSIG") ? AuthMethod.CERTIFICATE
                    : st.auth;
        } else if (t.contains("authby=secret") || t.contains("using authby=secret") || t.contains("preshared")) {
            st.auth = AuthMethod.PRE_SHARED_KEY;
        }
        Layer phase = st.phase != null ? st.phase : Layer.IKE_MAIN_MODE;
        // success and start
        if (t.contains("ISAKMP SA established") || t.contains("PARENT SA established")
                || t.contains("established IKE SA")) {
            st.failed = false;
            event(l, st, Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, t);
        } else if (t.contains("IPsec SA established") || t.contains("established Child SA")) {
            st.failed = false;
            event(l, st, Layer.IKE_QUICK_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, t);
        } else if (t.startsWith("initiating ") || t.startsWith("responding to ")) {
            st.failed = false;
            event(l, st, phase, IkeOutcome.STARTED, IkeFailureReason.NONE, t);
        } else if (t.contains("retransmission; will wait") || t.contains("retransmitting")) {
            event(l, st, phase, IkeOutcome.RETRANSMITTED, IkeFailureReason.NONE, t);
        } else if (t.contains("max number of retransmissions") || t.contains("timeout exceeded after")
                || t.contains("No response (or no acceptable response)")) {
            fail(l, st, phase, IkeFailureReason.NO_RESPONSE, t);
        } else if (t.contains("NO_PROPOSAL_CHOSEN") || t.contains("no acceptable Oakley Transform")
                || t.contains("no acceptable proposal") || t.contains("no common proposal")) {
            fail(l, st, phase, IkeFailureReason.NO_PROPOSAL_CHOSEN, t);
        } else if (t.contains("INVALID_ID_INFORMATION")
                || t.contains("cannot respond to IPsec SA request because no connection is known")) {
            fail(l, st, Layer.IKE_QUICK_MODE, IkeFailureReason.INVALID_ID_INFORMATION, t);
        } else if (t.contains("TS_UNACCEPTABLE")) {
            fail(l, st, Layer.IKE_QUICK_MODE, IkeFailureReason.TS_UNACCEPTABLE, t);
        } else if (t.contains("EXPIRED_CERTIFICATE") || t.contains("certificate has expired")
                || t.contains("not yet valid") || t.contains("certificate expired")) {
            st.auth = AuthMethod.CERTIFICATE;
            fail(l, st, Layer.IKE_MAIN_MODE, IkeFailureReason.CERT_EXPIRED, t);
        } else if (t.contains("UNKNOWN_ISSUER") || t.contains("UNTRUSTED_ISSUER") || t.contains("UNTRUSTED_CERT")
                || t.contains("certificate payload rejected") || t.contains("no trust path")
                || t.contains("issuer certificate not found")) {
            st.auth = AuthMethod.CERTIFICATE;
            fail(l, st, Layer.IKE_MAIN_MODE, IkeFailureReason.CERT_UNTRUSTED, t);
        } else if (t.contains("mismatch of preshared secrets") || t.contains("no preshared key found")
                || t.contains("INVALID_HASH_INFORMATION")) {
            st.auth = AuthMethod.PRE_SHARED_KEY;
            fail(l, st, Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, t);
        } else if (t.contains("AUTHENTICATION_FAILED") || t.contains("Signature check") && t.contains("failed")
                || t.contains("authentication failed")) {
            fail(l, st, Layer.IKE_MAIN_MODE, IkeFailureReason.AUTHENTICATION_FAILED, t);
        } else if (t.contains("peer ID") && t.contains("mismatch") || t.contains("no suitable connection for peer")) {
            fail(l, st, Layer.IKE_MAIN_MODE, IkeFailureReason.ID_MISMATCH, t);
        }
    }

    private static void learnPhase(State st, String t) {
        if (t.contains("Quick Mode") || t.contains("STATE_QUICK") || t.contains("IPsec SA") || t.contains("Child SA")
                || t.contains("CHILD_SA")) {
            st.phase = Layer.IKE_QUICK_MODE;
        } else if (st.phase == null && (t.contains("Main Mode") || t.contains("STATE_MAIN") || t.contains("ISAKMP SA")
                || t.contains("Aggressive Mode") || t.contains("STATE_AGGR") || t.contains("IKE SA")
                || t.contains("STATE_PARENT") || t.contains("IKE_SA_INIT") || t.contains("IKEv2"))) {
            st.phase = Layer.IKE_MAIN_MODE;
        }
        if (st.version == null) {
            if (t.contains("IKEv2") || t.contains("STATE_PARENT") || t.contains("IKE_SA_INIT") || t.contains("IKE_AUTH")
                    || t.contains("Child SA")) {
                st.version = IkeVersion.IKEV2;
            } else if (t.contains("Main Mode") || t.contains("Quick Mode") || t.contains("STATE_MAIN")
                    || t.contains("STATE_QUICK") || t.contains("ISAKMP SA") || t.contains("IKEv1")
                    || t.contains("Aggressive Mode")) {
                st.version = IkeVersion.IKEV1;
            }
        }
    }

    private void fail(LogLine l, State st, Layer phase, IkeFailureReason reason, String t) {
        if (st.failed) {
            return;
        }
        st.failed = true;
        event(l, st, phase, IkeOutcome.FAILED, reason, t);
    }

    private void event(LogLine l, State st, Layer phase, IkeOutcome outcome, IkeFailureReason reason, String t) {
        out.emit(new IkeSaEvent(out.ref(l.number), out.side(), l.time, st.version, phase, outcome, reason, st.auth,
                null, st.peer, FactOut.detail(t)));
    }
}
