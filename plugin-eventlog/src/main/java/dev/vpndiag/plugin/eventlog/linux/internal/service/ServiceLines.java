package dev.vpndiag.plugin.eventlog.linux.internal.service;

import dev.vpndiag.api.fact.ServiceState;
import dev.vpndiag.plugin.eventlog.linux.internal.text.FactOut;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LineHandler;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LogLine;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the service manager says about the VPN daemons: systemd's "Started/Stopped/Failed to start
 * DESCRIPTION." and "UNIT.service: Main process exited / Failed with result" lines (unit names and
 * descriptions as the strongSwan, libreswan and xl2tpd packages install them), and the strongSwan
 * starter's "charon (PID) started after N ms" and "charon has died -- restart scheduled". Each
 * becomes a {@link ServiceState} of the daemon: {@code ipsec} for the IKE daemon of either
 * implementation (strongSwan's units are named {@code strongswan*}), {@code xl2tpd} for the L2TP
 * daemon. Lines about other units are ignored.
 */
public final class ServiceLines implements LineHandler {
    private static final Pattern UNIT_EVENT = Pattern.compile(
            "^([\\w@.-]+)\\.service: (Main process exited, .*|Failed with result .*|Start request repeated too quickly.*"
                    + "|Control process exited, .*|Failed to start .*|Scheduled restart job.*|Deactivated successfully.*)$");
    private static final Pattern DESCRIBED = Pattern.compile("^(Started|Stopped|Failed to start|Starting|Stopping) (.+?)\\.*$");
    private static final Pattern STARTER_STARTED = Pattern.compile("^(charon|pluto) \\(\\d+\\) started after \\d+ ms");

    private final FactOut out;

    /** Emits into {@code out}. */
    public ServiceLines(FactOut out) {
        this.out = out;
    }

    @Override
    public boolean line(LogLine l) {
        String m = l.message.strip();
        Matcher u = UNIT_EVENT.matcher(m);
        if (u.find()) {
            String service = serviceOfUnit(u.group(1));
            String what = u.group(2);
            if (service != null && !what.startsWith("Deactivated successfully")) {
                emit(l, service, false, what);
            }
            return true;
        }
        Matcher d = DESCRIBED.matcher(m);
        if (d.find()) {
            String service = serviceOfDescription(d.group(2));
            String verb = d.group(1);
            if (service != null && !verb.equals("Starting") && !verb.equals("Stopping")) {
                emit(l, service, verb.equals("Started"), m);
            }
            return true;
        }
        Matcher s = STARTER_STARTED.matcher(m);
        if (s.find()) {
            emit(l, "ipsec", true, m);
        } else if (m.startsWith("charon has died") || m.startsWith("pluto has died") || m.startsWith("charon refused to be started")
                || m.startsWith("no known IPsec stack detected") || m.startsWith("charon stopped after")) {
            emit(l, "ipsec", false, m);
        }
        return true;
    }

    /** The daemon a systemd unit runs, or null when the unit is none of ours. */
    static String serviceOfUnit(String unit) {
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.equals("ipsec") || u.startsWith("strongswan") || u.equals("libreswan") || u.equals("openswan")
                || u.equals("pluto") || u.equals("charon") || u.equals("charon-systemd")) {
            return "ipsec";
        }
        if (u.equals("xl2tpd") || u.equals("openl2tpd")) {
            return "xl2tpd";
        }
        return null;
    }

    /** The daemon a unit description names, or null: "strongSwan IPsec IKEv1/IKEv2 daemon using ipsec.conf", "Internet Key Exchange (IKE) Protocol Daemon for IPsec", "Level 2 Tunnel Protocol Daemon (L2TP)". */
    static String serviceOfDescription(String description) {
        String d = description.toLowerCase(Locale.ROOT);
        if (d.contains("strongswan") || d.contains("libreswan") || d.contains("openswan")
                || d.contains("internet key exchange") || d.contains("ipsec")) {
            return "ipsec";
        }
        if (d.contains("l2tp") || d.contains("xl2tpd")) {
            return "xl2tpd";
        }
        return null;
    }

    private void emit(LogLine l, String service, boolean running, String text) {
        out.emit(new ServiceState(out.ref(l.number), out.side(), l.time, service, running, FactOut.detail(text)));
    }
}
