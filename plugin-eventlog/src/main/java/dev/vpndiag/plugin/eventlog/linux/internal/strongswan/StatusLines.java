package dev.vpndiag.plugin.eventlog.linux.internal.strongswan;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.EspFlow;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.plugin.eventlog.linux.internal.text.FactOut;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LineHandler;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LogLine;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ipsec statusall} (stroke) and {@code swanctl --list-sas} (vici) outputs: SA states as
 * IKE events and the per-direction byte and packet counters of each CHILD_SA as ESP flows. The
 * statusall snapshot time is the daemon's start plus its uptime; list-sas has no time.
 */
public final class StatusLines implements LineHandler {
    private static final Pattern UPTIME = Pattern.compile(
            "^\\s*uptime: (\\d+) (second|minute|hour|day)s?, since (\\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4})");
    private static final Pattern CONN = Pattern.compile("^\\s*(\\S+):\\s+\\S+\\.\\.\\.\\S+\\s+(IKEv[12]|IKE)\\b");
    private static final Pattern CONN_AUTH = Pattern.compile("^\\s*(\\S+):\\s+(local|remote):.* uses (.+) authentication");
    private static final Pattern IKE_SA = Pattern.compile(
            "^\\s*(\\S+)\\[(\\d+)\\]: (ESTABLISHED|CONNECTING|REKEYING|DELETING|PASSIVE|CREATED)[^,]*, ([^\\[\\s]+)\\[.*?\\]\\.\\.\\.([^\\[\\s]+)\\[");
    private static final Pattern IKE_SPIS = Pattern.compile("^\\s*(\\S+)\\[(\\d+)\\]: (IKEv[12]) SPIs");
    private static final Pattern CHILD = Pattern.compile(
            "^\\s*(\\S+)\\{(\\d+)\\}:\\s+(INSTALLED|REKEYED|ROUTED|INSTALLING|DELETING), (TUNNEL|TRANSPORT|BEET|PASS|DROP)[^,]*,.*?(ESP in UDP|ESP|AH)? SPIs: ([0-9a-f]+)_i ([0-9a-f]+)_o");
    private static final Pattern COUNTERS = Pattern.compile(
            "^\\s*(\\S+)\\{(\\d+)\\}:\\s+\\S+, (\\d+) bytes_i(?: \\((\\d+) pkts?(?:, (\\d+)s ago)?\\))?, (\\d+) bytes_o(?: \\((\\d+) pkts?(?:, (\\d+)s ago)?\\))?");
    private static final Pattern VICI_IKE = Pattern.compile("^(\\S+): #(\\d+), (\\w+), (IKEv[12]), ");
    private static final Pattern VICI_ENDPOINT = Pattern.compile("^\\s+(local|remote)\\s+'.*' @ ([^\\[\\s]+)\\[\\d+\\]");
    private static final Pattern VICI_CHILD = Pattern.compile("^\\s+(\\S+): #(\\d+), reqid \\d+, (\\w+), ([\\w-]+), ");
    private static final Pattern VICI_FLOW = Pattern.compile(
            "^\\s+(in|out)\\s+([0-9a-f]{8})(?:/[0-9a-f]+)?,\\s+(\\d+) bytes,\\s+(\\d+) packets(?:,\\s+(\\d+)s ago)?");
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy", Locale.ROOT);

    private final FactOut out;
    private Instant snapshot;
    private final Map<String, IkeVersion> versions = new HashMap<>();
    private final Map<String, AuthMethod> auths = new HashMap<>();
    private final Map<String, String[]> endpoints = new HashMap<>();
    private final Map<String, String[]> childSpis = new HashMap<>();
    // swanctl --list-sas state
    private IkeVersion viciVersion;
    private String viciLocal;
    private String viciRemote;
    private boolean viciUdp;
    private String viciChild;

    /** Emits into {@code out}. */
    public StatusLines(FactOut out) {
        this.out = out;
    }

    @Override
    public boolean line(LogLine l) {
        String s = l.message;
        if (s.isBlank()) {
            return true;
        }
        char c0 = s.charAt(0);
        if (c0 != ' ' && c0 != '\t') {
            Matcher v = VICI_IKE.matcher(s);
            if (v.find()) {
                viciIke(l, v, s);
            }
            return true;
        }
        if (s.contains("uptime: ")) {
            Matcher m = UPTIME.matcher(s);
            if (m.find()) {
                uptime(m);
            }
            return true;
        }
        if (s.contains("bytes_i")) {
            Matcher m = COUNTERS.matcher(s);
            if (m.find()) {
                counters(l, m);
            }
            return true;
        }
        if (s.contains(" SPIs: ")) {
            Matcher m = CHILD.matcher(s);
            if (m.find()) {
                child(l, m, s);
            }
            return true;
        }
        if (s.contains(" SPIs")) {
            Matcher m = IKE_SPIS.matcher(s);
            if (m.find()) {
                versions.put(m.group(1), IkeVersion.valueOf(m.group(3).toUpperCase(Locale.ROOT)));
            }
            return true;
        }
        if (s.contains("]: ")) {
            Matcher m = IKE_SA.matcher(s);
            if (m.find()) {
                ikeSa(l, m, s);
            }
            return true;
        }
        if (s.contains(" authentication")) {
            Matcher m = CONN_AUTH.matcher(s);
            if (m.find() && "local".equals(m.group(2))) {
                String how = m.group(3);
                auths.put(m.group(1), how.contains("pre-shared") ? AuthMethod.PRE_SHARED_KEY
                        : how.contains("EAP") ? AuthMethod.EAP
                        : how.contains("public key") ? AuthMethod.CERTIFICATE : AuthMethod.UNKNOWN);
            }
            return true;
        }
        if (s.contains("...")) {
            Matcher m = CONN.matcher(s);
            if (m.find() && m.group(2).startsWith("IKEv")) {
                versions.putIfAbsent(m.group(1), IkeVersion.valueOf(m.group(2).toUpperCase(Locale.ROOT)));
            }
            return true;
        }
        viciDetail(l, s);
        return true;
    }

    private void uptime(Matcher m) {
        try {
            LocalDateTime since = LocalDateTime.parse(m.group(3), SINCE);
            long n = Long.parseLong(m.group(1));
            long unit = switch (m.group(2)) {
                case "minute" -> 60;
                case "hour" -> 3600;
                case "day" -> 86400;
                default -> 1;
            };
            snapshot = since.toInstant(ZoneOffset.UTC).plusSeconds(n * unit);
        } catch (DateTimeParseException | NumberFormatException e) {
            snapshot = null;
        }
    }

    private Instant time(LogLine l) {
        return l.time != null ? l.time : snapshot;
    }

    private void ikeSa(LogLine l, Matcher m, String s) {
        String name = m.group(1);
        endpoints.put(name, new String[] {m.group(4), m.group(5)});
        IkeOutcome outcome = "CONNECTING".equals(m.group(3)) ? IkeOutcome.STARTED
                : "ESTABLISHED".equals(m.group(3)) || "REKEYING".equals(m.group(3)) ? IkeOutcome.ESTABLISHED : null;
        if (outcome != null) {
            out.emit(new IkeSaEvent(out.ref(l.number), out.side(), time(l), versions.get(name), Layer.IKE_MAIN_MODE,
                    outcome, IkeFailureReason.NONE, auths.getOrDefault(name, AuthMethod.UNKNOWN), m.group(4),
                    m.group(5), FactOut.detail(s)));
        }
    }

    private void child(LogLine l, Matcher m, String s) {
        String name = m.group(1);
        childSpis.put(name + "{" + m.group(2) + "}", new String[] {m.group(6), m.group(7),
                String.valueOf(s.contains("ESP in UDP"))});
        if ("INSTALLED".equals(m.group(3)) || "REKEYED".equals(m.group(3))) {
            String[] ep = endpoints.getOrDefault(name, new String[2]);
            out.emit(new IkeSaEvent(out.ref(l.number), out.side(), time(l), versions.get(name), Layer.IKE_QUICK_MODE,
                    IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, auths.getOrDefault(name, AuthMethod.UNKNOWN),
                    ep[0], ep[1], FactOut.detail(s)));
        }
    }

    private void counters(LogLine l, Matcher m) {
        String[] spis = childSpis.get(m.group(1) + "{" + m.group(2) + "}");
        if (spis == null) {
            return;
        }
        String[] ep = endpoints.getOrDefault(m.group(1), new String[2]);
        boolean udp = Boolean.parseBoolean(spis[2]);
        flow(l, ep[1], ep[0], spis[0], m.group(3), m.group(4), m.group(5), udp);
        flow(l, ep[0], ep[1], spis[1], m.group(6), m.group(7), m.group(8), udp);
    }

    private void flow(LogLine l, String src, String dst, String spi, String bytes, String pkts, String ago, boolean udp) {
        long b = Long.parseLong(bytes);
        long p = pkts != null ? Long.parseLong(pkts) : 0;
        Instant t = time(l);
        Instant last = ago != null && t != null ? t.minusSeconds(Long.parseLong(ago)) : null;
        out.emit(new EspFlow(out.ref(l.number), out.side(), t, src, dst, Long.parseLong(spi, 16), p, b, udp, false,
                last));
    }

    // ---- swanctl --list-sas

    private void viciIke(LogLine l, Matcher v, String s) {
        viciVersion = IkeVersion.valueOf(v.group(4).toUpperCase(Locale.ROOT));
        viciLocal = null;
        viciRemote = null;
        viciChild = null;
        String state = v.group(3);
        IkeOutcome outcome = "CONNECTING".equals(state) ? IkeOutcome.STARTED
                : "ESTABLISHED".equals(state) || "REKEYING".equals(state) ? IkeOutcome.ESTABLISHED : null;
        pendingIke = outcome == null ? null : new Object[] {l.number, outcome, s};
    }

    private Object[] pendingIke;

    private void viciDetail(LogLine l, String s) {
        Matcher ep = VICI_ENDPOINT.matcher(s);
        if (ep.find()) {
            if ("local".equals(ep.group(1))) {
                if (viciChild == null) {
                    viciLocal = ep.group(2);
                }
            } else if (viciChild == null) {
                viciRemote = ep.group(2);
                if (pendingIke != null) {
                    out.emit(new IkeSaEvent(out.ref((Long) pendingIke[0]), out.side(), null, viciVersion,
                            Layer.IKE_MAIN_MODE, (IkeOutcome) pendingIke[1], IkeFailureReason.NONE,
                            AuthMethod.UNKNOWN, viciLocal, viciRemote, FactOut.detail((String) pendingIke[2])));
                    pendingIke = null;
                }
            }
            return;
        }
        Matcher ch = VICI_CHILD.matcher(s);
        if (ch.find()) {
            viciChild = ch.group(1);
            viciUdp = ch.group(4).contains("UDP");
            if ("INSTALLED".equals(ch.group(3)) || "REKEYED".equals(ch.group(3))) {
                out.emit(new IkeSaEvent(out.ref(l.number), out.side(), null, viciVersion, Layer.IKE_QUICK_MODE,
                        IkeOutcome.ESTABLISHED, IkeFailureReason.NONE, AuthMethod.UNKNOWN, viciLocal, viciRemote,
                        FactOut.detail(s)));
            }
            return;
        }
        Matcher f = VICI_FLOW.matcher(s);
        if (f.find() && viciChild != null) {
            boolean in = "in".equals(f.group(1));
            flow(l, in ? viciRemote : viciLocal, in ? viciLocal : viciRemote, f.group(2), f.group(3), f.group(4),
                    f.group(5), viciUdp);
        }
    }
}
