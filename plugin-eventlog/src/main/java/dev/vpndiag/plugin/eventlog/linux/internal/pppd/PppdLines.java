package dev.vpndiag.plugin.eventlog.linux.internal.pppd;

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

    /** Emits into {@code out}. */
    public PppdLines(FactOut out) {
        this.out = out;
    }

    @Override
    public boolean line(LogLine l) {
        String m = l.message;
        if (m.isEmpty()) {
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
                    }
                }
                return true;
            case 'L':
                if (m.startsWith("LCP: timeout sending Config-Requests")) {
                    emit(l, PppStage.LCP, PppOutcome.TIMED_OUT, null, null, m);
                } else if (m.startsWith("LCP terminated by peer")) {
                    emit(l, PppStage.LCP, PppOutcome.TERMINATED, null, null, m);
                }
                return true;
            case 'I':
                if (m.startsWith("IPCP: timeout sending Config-Requests")) {
                    emit(l, PppStage.IPCP, PppOutcome.TIMED_OUT, null, null, m);
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
}
