package dev.vpndiag.plugin.eventlog.linux.internal.pppd;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.api.fact.L2tpTunnelAttempt;
import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.api.fact.PppNegotiation;
import dev.vpndiag.api.fact.PppOutcome;
import dev.vpndiag.api.fact.PppStage;
import dev.vpndiag.plugin.eventlog.linux.internal.text.FactOut;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LineHandler;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LogLine;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pppd's messages (pppd 2.4/2.5 wording), including the {@code sent [...]}/{@code rcvd [...]}
 * packet dumps of its debug option, from which the authentication protocol and the MS-CHAP
 * failure code are taken.
 */
public final class PppdLines implements LineHandler {
    private static final Pattern ERROR_CODE = Pattern.compile("E=(\\d+)");

    private final FactOut out;
    private String authProtocol;
    private Integer chapError;
    private boolean authFailed;
    /** Configure-Acks of LCP sent and received; both mean LCP opened, which pppd does not log by itself. */
    private boolean lcpAckSent;
    private boolean lcpAckReceived;
    private boolean lcpOpened;
    /** macOS's L2TP plugin: how far its IPsec got, where the L2TP tunnel is going, whether it answered. */
    private final MacL2tp mac = new MacL2tp();
    /** A line only macOS's pppd and its L2TP plugin write, or an Apple VPN dialog, was read. */
    private boolean apple;

    /** Whether a line without envelope is one of the macOS/iOS VPN error sentences read with pppd's lines. */
    public static boolean isAppleVpnDialog(String m) {
        return AppleVpnDialogs.isOne(m);
    }

    /** Emits into {@code out}. */
    public PppdLines(FactOut out) {
        this.out = out;
    }

    @Override
    public Platform platform() {
        return apple ? Platform.MACOS : Platform.PPPD;
    }

    @Override
    public boolean line(LogLine l) {
        String m = l.message;
        if (m.isEmpty()) {
            return true;
        }
        if (l.time == null && AppleVpnDialogs.read(l, m, out)) {
            apple = true;
            return true;
        }
        switch (m.charAt(0)) {
            case 's':
            case 'r':
                if (m.startsWith("rcvd [") || m.startsWith("sent [")) {
                    dump(m);
                    if (m.startsWith("LCP ConfAck", 6) && !lcpOpened) {
                        lcpAckSent |= m.charAt(0) == 's';
                        lcpAckReceived |= m.charAt(0) == 'r';
                        if (lcpAckSent && lcpAckReceived) {
                            lcpOpened = true;
                            emit(l, PppStage.LCP, PppOutcome.OPENED, null, null, "LCP Configure-Ack sent and received");
                        }
                    } else if (m.startsWith("LCP TermReq", 6)) {
                        termination(l, m);
                    }
                }
                return true;
            case 'L':
                if (m.startsWith("L2TP")) {
                    apple = true;
                    mac.l2tp(l, m);
                } else if (m.startsWith("LCP: timeout sending Config-Requests")) {
                    emit(l, PppStage.LCP, PppOutcome.TIMED_OUT, null, null, m);
                } else if (m.startsWith("LCP terminated by peer")) {
                    emit(l, PppStage.LCP, PppOutcome.TERMINATED, null, null, m);
                }
                return true;
            case 'I':
                if (m.startsWith("IPCP: timeout sending Config-Requests")) {
                    emit(l, PppStage.IPCP, PppOutcome.TIMED_OUT, null, null, m);
                } else if (m.startsWith("IPSec ")) {
                    apple = true;
                    mac.ipsec(l, m);
                }
                return true;
            case 'C':
                if (m.startsWith("CCP: timeout sending Config-Requests")) {
                    emit(l, PppStage.CCP, PppOutcome.TIMED_OUT, "MPPE", null, m);
                } else if (m.startsWith("CHAP authentication succeeded") || m.startsWith("CHAP peer authentication succeeded")) {
                    emit(l, PppStage.AUTH, PppOutcome.SUCCEEDED, protocol("CHAP"), null, m);
                } else if (m.startsWith("CHAP authentication failed") || m.startsWith("CHAP peer authentication failed")) {
                    authFailure(l, protocol("CHAP"), m);
                } else if (m.startsWith("Couldn't open the /dev/ppp device")) {
                    emit(l, PppStage.LCP, PppOutcome.TERMINATED, null, null, "pppd could not start: " + m);
                }
                return true;
            case 'M':
                if (m.startsWith("MS-CHAP authentication failed") || m.startsWith("MS-CHAPv2 authentication failed")) {
                    Matcher e = ERROR_CODE.matcher(m);
                    Integer code = e.find() ? Integer.valueOf(e.group(1)) : chapError;
                    authFailed = false;
                    emitAuthFailure(l, authProtocol != null && authProtocol.startsWith("MS-CHAP") ? authProtocol : "MS-CHAP",
                            code, m);
                } else if (m.startsWith("MPPE required but not available")
                        || m.startsWith("MPPE required, but MS-CHAP")
                        || m.startsWith("MPPE required but peer negotiation failed")) {
                    emit(l, PppStage.CCP, PppOutcome.REJECTED, "MPPE", null, m);
                } else if (m.startsWith("MPPE ") && m.contains("compression enabled")) {
                    emit(l, PppStage.CCP, PppOutcome.OPENED, "MPPE", null, m);
                }
                return true;
            case 'P':
                if (m.startsWith("PAP authentication succeeded") || m.startsWith("PAP peer authentication succeeded")) {
                    emit(l, PppStage.AUTH, PppOutcome.SUCCEEDED, "PAP", null, m);
                } else if (m.startsWith("PAP authentication failed")) {
                    authFailure(l, "PAP", m);
                } else if (m.startsWith("PAP peer authentication failed") || m.startsWith("Peer ") && m.contains(" failed ")
                        && m.contains("authentication")) {
                    authFailure(l, m.contains("PAP") ? "PAP" : protocol("CHAP"), m);
                } else if (m.startsWith("Please load the ppp_generic kernel module")) {
                    emit(l, PppStage.LCP, PppOutcome.TERMINATED, null, null, "pppd could not start: " + m);
                }
                return true;
            case 'Y':
                if (m.startsWith("You need to create the /dev/ppp device node")) {
                    emit(l, PppStage.LCP, PppOutcome.TERMINATED, null, null, "pppd could not start: " + m);
                }
                return true;
            case 'p':
                if (m.startsWith("peer refused to authenticate")) {
                    emit(l, PppStage.AUTH, PppOutcome.REJECTED, authProtocol, null, m);
                }
                return true;
            case 'N':
                if (m.startsWith("No auth is possible")) {
                    emit(l, PppStage.AUTH, PppOutcome.REJECTED, authProtocol, null, m);
                } else if (m.startsWith("No CHAP secret found for authenticating") || m.startsWith("No secret found for PAP login")) {
                    // the authenticator has no secret for the user name the peer gave
                    authFailure(l, m.startsWith("No secret found for PAP") ? "PAP" : protocol("CHAP"), m);
                }
                return true;
            case 'T':
                if (m.startsWith("The remote system is required to authenticate itself")) {
                    // this pppd demands that its peer authenticate ('auth' without a secret for it): on a client,
                    // a setting the server cannot meet
                    emit(l, PppStage.AUTH, PppOutcome.REJECTED, authProtocol, null, m);
                }
                return true;
            case 'E':
                if (m.startsWith("EAP: peer reports authentication failure")
                        || m.startsWith("EAP: peer rejected") || m.startsWith("EAP authentication failed")) {
                    authFailure(l, "EAP", m);
                } else if (m.startsWith("EAP authentication succeeded")) {
                    emit(l, PppStage.AUTH, PppOutcome.SUCCEEDED, "EAP", null, m);
                }
                return true;
            case 'l':
                if (m.startsWith("local  IP address") || m.startsWith("local IP address")) {
                    emit(l, PppStage.IPCP, PppOutcome.OPENED, null, null, m);
                }
                return true;
            case 'U':
                if (m.startsWith("Using interface ")) {
                    authProtocol = null;
                    chapError = null;
                    authFailed = false;
                    lcpAckSent = false;
                    lcpAckReceived = false;
                    lcpOpened = false;
                }
                return true;
            default:
                return true;
        }
    }

    private void dump(String m) {
        int auth = m.indexOf("<auth ");
        if (auth > 0 && m.startsWith("LCP ConfAck", 6)) {
            String a = m.substring(auth + 6, Math.max(auth + 6, m.indexOf('>', auth)));
            authProtocol = a.startsWith("chap MS-v2") ? "MS-CHAPv2" : a.startsWith("chap MS") ? "MS-CHAP"
                    : a.startsWith("chap") ? "CHAP" : a.startsWith("pap") ? "PAP" : a.startsWith("eap") ? "EAP" : a;
        } else if (m.startsWith("CHAP Failure", 6)) {
            Matcher e = ERROR_CODE.matcher(m);
            if (e.find()) {
                chapError = Integer.valueOf(e.group(1));
            }
        } else if (auth > 0 && m.startsWith("LCP ConfRej", 6)) {
            authProtocol = null;
        }
    }

    /**
     * An LCP Terminate-Request whose reason is one pppd gives when authentication ends the link
     * (pppd/auth.c: "Authentication failed" when this end rejected the peer, "Failed to authenticate
     * ourselves to peer" when the peer rejected this end): the authentication layer failed, also when the
     * lines saying how are not in the paste. Received, the same words come from a pppd peer.
     */
    private void termination(LogLine l, String m) {
        int open = m.indexOf('"');
        int close = m.lastIndexOf('"');
        if (open < 0 || close <= open) {
            return;
        }
        String reason = m.substring(open + 1, close);
        if (reason.equals("Authentication failed") || reason.equals("Failed to authenticate ourselves to peer")) {
            authFailure(l, authProtocol, m);
        }
    }

    private String protocol(String fallback) {
        return authProtocol != null ? authProtocol : fallback;
    }

    private void authFailure(LogLine l, String protocol, String m) {
        if (authFailed) {
            return;
        }
        emitAuthFailure(l, protocol, chapError, m);
    }

    private void emitAuthFailure(LogLine l, String protocol, Integer code, String m) {
        if (authFailed) {
            return;
        }
        authFailed = true;
        emit(l, PppStage.AUTH, PppOutcome.FAILED, protocol, code, m);
    }

    private void emit(LogLine l, PppStage stage, PppOutcome outcome, String protocol, Integer code, String m) {
        out.emit(new PppNegotiation(out.ref(l.number), out.side(), l.time, stage, outcome, protocol, code,
                FactOut.detail(m)));
    }

    /**
     * The messages of the L2TP plugin of macOS's pppd (Apple's ppp project, {@code L2TP-plugin/main.c}
     * and {@code l2tp.c}), as {@code /var/log/ppp.log} shows them: "IPSec connection started", "IPSec
     * phase 1 client started" / "server replied" / "established", "IPSec phase 2 established",
     * "IPSec connection failed" (no answer in time) or "IPSec connection failed &lt;IKE Error 14 (0xe) No
     * proposal chosen&gt;", "L2TP sent SCCRQ", "L2TP received SCCRP", "L2TP cannot connect to the
     * server", "L2TP connection established.", "L2TP: incorrect user shared secret found". This end is
     * the initiator.
     */
    private final class MacL2tp {
        private String peer;
        private boolean serverReplied;
        private boolean phaseOne;
        private boolean phaseTwo;
        private boolean ipsecFailed;
        private int sccrq;
        private boolean sccrp;

        void ipsec(LogLine l, String m) {
            if (m.startsWith("IPSec connection started")) {
                serverReplied = false;
                phaseOne = false;
                phaseTwo = false;
                ipsecFailed = false;
                ike(l, Layer.IKE_MAIN_MODE, IkeOutcome.STARTED, IkeFailureReason.NONE, m);
            } else if (m.startsWith("IPSec phase 1 server replied")) {
                serverReplied = true;
            } else if (m.startsWith("IPSec phase 1 established")) {
                phaseOne = true;
                ike(l, Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, m);
            } else if (m.startsWith("IPSec phase 2 established") || m.startsWith("IPSec connection established")) {
                if (!phaseTwo) {
                    phaseTwo = true;
                    if (!phaseOne) {
                        phaseOne = true;
                        ike(l, Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, m);
                    }
                    ike(l, Layer.IKE_QUICK_MODE, IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, m);
                }
            } else if (m.startsWith("IPSec connection failed") && !ipsecFailed) {
                ipsecFailed = true;
                int lt = m.indexOf('<');
                if (lt < 0) {
                    // racoon's control socket stayed silent: the server never answered, or stopped answering
                    Layer phase = phaseOne ? Layer.IKE_QUICK_MODE : Layer.IKE_MAIN_MODE;
                    ike(l, phase, IkeOutcome.FAILED, IkeFailureReason.NO_RESPONSE,
                            serverReplied && !phaseOne ? m + " (after 1 answers from the peer)" : m);
                } else {
                    String why = m.substring(lt).toLowerCase(java.util.Locale.ROOT);
                    IkeFailureReason reason = why.contains("no proposal chosen") ? IkeFailureReason.NO_PROPOSAL_CHOSEN
                            : why.contains("authentication failed") || why.contains("invalid hash information")
                            ? IkeFailureReason.AUTHENTICATION_FAILED
                            : why.contains("invalid id information") ? IkeFailureReason.INVALID_ID_INFORMATION
                            : why.contains("certificate unavailable") ? IkeFailureReason.CERT_NOT_FOUND
                            : why.contains("cert") || why.contains("invalid signature") ? IkeFailureReason.CERT_UNTRUSTED
                            : IkeFailureReason.OTHER;
                    Layer phase = phaseOne ? Layer.IKE_QUICK_MODE : Layer.IKE_MAIN_MODE;
                    ike(l, phase, IkeOutcome.FAILED, reason, m + " (received from the peer)");
                }
            }
        }

        void l2tp(LogLine l, String m) {
            if (m.startsWith("L2TP connecting to server ")) {
                int open = m.lastIndexOf('(');
                int close = m.lastIndexOf(')');
                peer = open > 0 && close > open ? m.substring(open + 1, close) : null;
                sccrq = 0;
                sccrp = false;
            } else if (m.startsWith("L2TP sent SCCRQ")) {
                sccrq++;
            } else if (m.startsWith("L2TP received SCCRP")) {
                sccrp = true;
            } else if (m.startsWith("L2TP cannot connect to the server")) {
                // the plugin logs its first request only; the kernel extension repeats it until the plugin's
                // receive timeout (20 s by default) runs out, so an unanswered request was sent more than once
                out.emit(new L2tpTunnelAttempt(out.ref(l.number), out.side(), l.time, null, peer, null, Math.max(2, sccrq),
                        sccrp, false, false, null, null, null, FactOut.detail(m)));
            } else if (m.startsWith("L2TP connection established")) {
                out.emit(new L2tpTunnelAttempt(out.ref(l.number), out.side(), l.time, null, peer, null, Math.max(1, sccrq),
                        true, true, true, null, null, null, FactOut.detail(m)));
            } else if (m.startsWith("L2TP: incorrect user shared secret found")) {
                ike(l, Layer.IKE_MAIN_MODE, IkeOutcome.FAILED, IkeFailureReason.AUTHENTICATION_FAILED, m);
            }
        }

        private void ike(LogLine l, Layer phase, IkeOutcome outcome, IkeFailureReason reason, String m) {
            boolean sharedSecret = reason == IkeFailureReason.AUTHENTICATION_FAILED && m.contains("shared secret");
            out.emit(new IkeSaEvent(out.ref(l.number), out.side(), l.time, IkeVersion.IKEV1, phase, outcome, reason,
                    sharedSecret ? AuthMethod.PRE_SHARED_KEY : AuthMethod.UNKNOWN, null, peer, FactOut.detail(m)));
        }
    }
}
