package dev.vpndiag.plugin.eventlog.linux;

import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.plugin.eventlog.linux.internal.libreswan.PlutoLines;
import dev.vpndiag.plugin.eventlog.linux.internal.pppd.PppdLines;
import dev.vpndiag.plugin.eventlog.linux.internal.strongswan.CharonLines;
import dev.vpndiag.plugin.eventlog.linux.internal.text.Envelope;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LogLine;
import dev.vpndiag.plugin.eventlog.linux.internal.text.PasteRepair;
import dev.vpndiag.plugin.eventlog.linux.internal.text.Program;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Judges a file by the shape of its first lines: how surely it is one of the logs read here, and
 * which program its lines without an envelope belong to.
 */
final class LogShape {
    private static final int MAX_LINES = 400;
    private static final Pattern VICI_IKE = Pattern.compile(
            "^\\S+: #\\d+, (ESTABLISHED|CONNECTING|CREATED|REKEYING|REKEYED|DELETING|DESTROYING|PASSIVE), IKEv[12], ");

    final int score;
    final Program bare;
    /** The lines run newest first, as a router's web log shows them: their times only ever go back. */
    final boolean newestFirst;

    private LogShape(int score, Program bare) {
        this(score, bare, false);
    }

    private LogShape(int score, Program bare, boolean newestFirst) {
        this.newestFirst = newestFirst;
        this.score = score;
        this.bare = bare;
    }

    static LogShape of(byte[] head, String text) {
        int scan = Math.min(head.length, 4096);
        for (int i = 0; i < scan; i++) {
            if (head[i] == 0) {
                return new LogShape(FactProvider.NO_MATCH, Program.NONE);
            }
        }
        int enveloped = 0;
        int foreignJson = 0;
        int status = 0;
        int pluto = 0;
        int pppdStrong = 0;
        int pppdWeak = 0;
        int charon = 0;
        int relayed = 0;
        int forwards = 0;
        int backwards = 0;
        java.time.Instant previous = null;
        Envelope env = new Envelope();
        env.yearHint(2000); // any year: only the order of the stamps is wanted here
        LogLine line = new LogLine();
        int lines = 0;
        int start = 0;
        int n = text.length();
        while (start < n && lines < MAX_LINES) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            String s = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            lines++;
            line.reset(lines);
            Envelope.Result r = env.parse(s, line);
            if (r == Envelope.Result.SKIP) {
                continue;
            }
            List<String> candidates = List.of(s);
            if ((r != Envelope.Result.LINE || line.program == Program.OTHER || line.program == Program.NONE)
                    && !s.startsWith("{")) {
                List<String> repaired = PasteRepair.repair(s);
                if (!repaired.isEmpty()) {
                    candidates = repaired;
                }
            }
            for (String c : candidates) {
                line.reset(lines);
                if (env.parse(c, line) != Envelope.Result.LINE) {
                    continue;
                }
                Program p = line.program;
                if (line.time != null) {
                    if (previous != null && line.time.isAfter(previous)) {
                        forwards++;
                    } else if (previous != null && line.time.isBefore(previous)) {
                        backwards++;
                    }
                    previous = line.time;
                }
                if (p == Program.CHARON || p == Program.PLUTO || p == Program.XL2TPD || p == Program.PPPD || p == Program.RACOON) {
                    enveloped++;
                    continue;
                }
                if (p == Program.SERVICE_MANAGER || p == Program.RELAY) {
                    // systemd and NetworkManager speak of much else: only their lines about the VPN daemons count
                    String m = line.message;
                    if (m.contains("IPsec") || m.contains("strongSwan") || m.contains("xl2tpd") || m.contains("charon")
                            || m.contains("IKE_SA") || m.contains("pluto") || m.contains("L2TP")) {
                        relayed++;
                    }
                    continue;
                }
                if (p == Program.OTHER) {
                    if (c.startsWith("{")) {
                        foreignJson++;
                    }
                    continue;
                }
                String m = line.message;
                if (m.startsWith("Status of IKE charon daemon") || VICI_IKE.matcher(m).find()) {
                    status++;
                } else if (PlutoLines.looksLikePluto(m)) {
                    pluto++;
                } else if (m.startsWith("sent [LCP") || m.startsWith("rcvd [LCP") || m.startsWith("Using interface ppp")
                        || m.startsWith("LCP: timeout sending") || m.startsWith("pppd 2.") || m.startsWith("Connect: ppp")
                        || m.startsWith("IPSec connection started") || m.startsWith("L2TP connecting to server")
                        || m.startsWith("L2TP sent SCCRQ")) {
                    pppdStrong++;
                } else if (m.startsWith("Couldn't open the /dev/ppp") || m.startsWith("MS-CHAP authentication failed")
                        || m.startsWith("CHAP authentication") || m.startsWith("peer refused to authenticate")
                        || m.startsWith("MPPE required") || line.time == null && PppdLines.isAppleVpnDialog(m)) {
                    pppdWeak++;
                } else if (m.startsWith("initiating Main Mode IKE_SA") || m.startsWith("initiating IKE_SA ")
                        || m.startsWith("initiating Aggressive Mode IKE_SA") || m.startsWith("establishing connection '")
                        || m.startsWith("generating ID_PROT ") || m.startsWith("generating IKE_SA_INIT ")
                        || m.startsWith("IKE_SA ") || m.startsWith("CHILD_SA ") || CharonLines.looksLikeCharon(m)) {
                    charon++;
                }
            }
        }
        Program bare = status > 0 ? Program.STRONGSWAN_STATUS : pluto > 0 ? Program.PLUTO
                : pppdStrong + pppdWeak > 0 ? Program.PPPD : charon > 0 ? Program.CHARON : Program.NONE;
        int score;
        if (enveloped > 0 || status > 0 || pluto > 0 || pppdStrong > 0) {
            score = FactProvider.STRONG_MATCH;
        } else if (pppdWeak > 0 || charon > 0 || foreignJson > 0 || relayed > 0) {
            score = FactProvider.WEAK_MATCH;
        } else {
            score = FactProvider.NO_MATCH;
        }
        return new LogShape(score, bare, backwards >= 1 && forwards == 0);
    }
}
