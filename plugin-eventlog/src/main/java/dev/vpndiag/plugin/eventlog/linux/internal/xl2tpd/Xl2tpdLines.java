package dev.vpndiag.plugin.eventlog.linux.internal.xl2tpd;

import dev.vpndiag.api.fact.L2tpTunnelAttempt;
import dev.vpndiag.plugin.eventlog.linux.internal.text.AsciiBytes;
import dev.vpndiag.plugin.eventlog.linux.internal.text.FactOut;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LineHandler;
import dev.vpndiag.plugin.eventlog.linux.internal.text.LogLine;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * xl2tpd's messages, one {@link L2tpTunnelAttempt} per tunnel attempt to or from a peer. An attempt
 * is emitted when its tunnel is closed, when a new attempt with the same peer starts, or at the
 * end of the file; its locator is the line that decided its outcome. xl2tpd does not log each
 * retransmission: when it gives up ("Maximum retries exceeded") before any reply, the SCCRQ count
 * is the first request plus the logged retry limit.
 */
public final class Xl2tpdLines implements LineHandler {
    private static final int MAX_OPEN = 1024;
    private static final Pattern HOST = Pattern.compile("(?:host|from|to|with) ([0-9a-fA-F:.]+[0-9a-fA-F])");
    private static final Pattern ESTABLISHED = Pattern.compile(
            "^Connection established to ([0-9a-fA-F:.]+), \\d+\\.\\s+Local: (\\d+), Remote: (\\d+)");
    private static final Pattern RESULT = Pattern.compile(
            "peer closing for reason (\\d+) \\(([^)]*)\\), error = (\\d+) \\(([^)]*)\\)");
    private static final Pattern MAX_RETRIES = Pattern.compile("max retries: (\\d+)");
    private static final Pattern RETRIES_EXCEEDED = Pattern.compile("Maximum retries exceeded for tunnel (\\d+)");

    private final FactOut out;
    private final Map<String, Attempt> open = new LinkedHashMap<>();
    private Attempt current;
    private String pendingMessage;
    private int maxRetries = -1;

    /** Emits into {@code out}. */
    public Xl2tpdLines(FactOut out) {
        this.out = out;
    }

    private static final class Attempt {
        final String peer;
        final Instant start;
        long line;
        Integer tunnelId;
        int sccrq;
        boolean sccrp;
        boolean tunnel;
        boolean call;
        Integer stopCcn;
        Integer cdn;
        Integer error;
        String detail;
        boolean retriesExceeded;
        /** This end asked for the tunnel ("Connecting to host"): it is the LAC. */
        boolean connecting;

        Attempt(String peer, Instant start, long line) {
            this.peer = peer;
            this.start = start;
            this.line = line;
        }
    }

    @Override
    public boolean line(LogLine l) {
        String m = l.message;
        if (m.isEmpty()) {
            return true;
        }
        switch (m.charAt(0)) {
            case 'g':
                if (m.startsWith("get_call: allocating new tunnel for host ")) {
                    String host = host(m);
                    if (host != null) {
                        Attempt a = open.get(host);
                        if (a == null || a.tunnel || a.retriesExceeded) {
                            start(l, host);
                        } else {
                            current = a;
                        }
                    }
                }
                return true;
            case 'C':
                if (m.startsWith("Connecting to host ")) {
                    String host = host(m);
                    if (host != null) {
                        Attempt a = open.get(host);
                        if (a == null || a.sccrq > 0 || a.tunnel) {
                            start(l, host);
                        } else {
                            current = a;
                        }
                        if (current != null) {
                            current.connecting = true;
                        }
                    }
                } else if (m.startsWith("Connection established to ")) {
                    Matcher e = ESTABLISHED.matcher(m);
                    if (e.find()) {
                        Attempt a = attempt(l, e.group(1));
                        a.tunnel = true;
                        a.tunnelId = Integer.valueOf(e.group(2));
                        a.line = l.number;
                    }
                } else if (m.startsWith("Call established with ")) {
                    String host = host(m);
                    if (host != null) {
                        Attempt a = attempt(l, host);
                        a.call = true;
                        a.line = l.number;
                    }
                } else if (m.startsWith("Connection ") && m.contains(" closed to ")) {
                    String host = host(m);
                    Attempt a = host == null ? current : open.get(host);
                    if (a != null) {
                        a.line = l.number;
                        a.detail = join(a.detail, m);
                        if (a.stopCcn == null && m.endsWith("(No Authorization)")) {
                            // the LNS refused the peer by its access list and closed with result 4, "not authorized"
                            a.stopCcn = 4;
                        }
                        finish(a);
                    }
                }
                return true;
            case 'c':
                if (m.startsWith("control_finish: sending SCCRQ")) {
                    if (current != null) {
                        current.sccrq++;
                        current.line = l.number;
                    }
                } else if (m.startsWith("control_finish: sending SCCRP")) {
                    if (current != null) {
                        current.sccrp = true;
                        current.line = l.number;
                    }
                }
                return true;
            case 'n':
                if (m.startsWith("network_thread: recv packet from ")) {
                    String host = host(m);
                    Attempt a = host == null ? null : open.get(host);
                    if (a != null) {
                        current = a;
                    }
                } else if (maxRetries < 0 && m.startsWith("network_thread: select timeout with max retries")) {
                    Matcher r = MAX_RETRIES.matcher(m);
                    if (r.find()) {
                        maxRetries = Integer.parseInt(r.group(1));
                    }
                }
                return true;
            case 'm':
                if (m.startsWith("message_type_avp: message type ") && current != null) {
                    messageType(l, m);
                }
                return true;
            case 'r':
                if (m.startsWith("result_code_avp: ") && current != null) {
                    result(l, m);
                }
                return true;
            case 'M':
                if (m.startsWith("Maximum retries exceeded")) {
                    Matcher r = RETRIES_EXCEEDED.matcher(m);
                    Attempt a = current;
                    if (a != null) {
                        a.retriesExceeded = true;
                        a.line = l.number;
                        a.detail = join(a.detail, m);
                        if (!a.sccrp && maxRetries > 0) {
                            a.sccrq = Math.max(a.sccrq, 1 + maxRetries);
                        } else if (!a.sccrp && !a.tunnel && a.connecting) {
                            // without xl2tpd's debug lines the limit is not logged; giving up on a tunnel this end
                            // asked for, before any reply, means its request went out at least twice
                            a.sccrq = Math.max(a.sccrq, 2);
                        }
                        if (r.find() && a.tunnelId == null) {
                            a.tunnelId = Integer.valueOf(r.group(1));
                        }
                    }
                }
                return true;
            default:
                return true;
        }
    }

    private static final byte[] GET_CALL = AsciiBytes.of("get_call: allocating new tunnel for host ");
    private static final byte[] CONNECTING = AsciiBytes.of("Connecting to host ");
    private static final byte[] CONNECTION = AsciiBytes.of("Connection ");
    private static final byte[] CALL_ESTABLISHED = AsciiBytes.of("Call established with ");
    private static final byte[] SENDING_SCCR = AsciiBytes.of("control_finish: sending SCCR");
    private static final byte[] RECV_PACKET = AsciiBytes.of("network_thread: recv packet from ");
    private static final byte[] SELECT_TIMEOUT = AsciiBytes.of("network_thread: select timeout with max retries");
    private static final byte[] MESSAGE_TYPE = AsciiBytes.of("message_type_avp: message type ");
    private static final byte[] RESULT_CODE = AsciiBytes.of("result_code_avp: ");
    private static final byte[] RETRIES = AsciiBytes.of("Maximum retries exceeded");

    /** Mirrors {@link #line}: true for messages it would ignore in the current state. */
    @Override
    public boolean skippable(byte[] b, int from, int to) {
        if (from >= to) {
            return true;
        }
        switch (b[from]) {
            case 'g':
                return !AsciiBytes.startsWith(b, from, to, GET_CALL);
            case 'C':
                return !AsciiBytes.startsWith(b, from, to, CONNECTING)
                        && !AsciiBytes.startsWith(b, from, to, CONNECTION)
                        && !AsciiBytes.startsWith(b, from, to, CALL_ESTABLISHED);
            case 'c':
                return !AsciiBytes.startsWith(b, from, to, SENDING_SCCR);
            case 'n':
                return !AsciiBytes.startsWith(b, from, to, RECV_PACKET)
                        && (maxRetries >= 0 || !AsciiBytes.startsWith(b, from, to, SELECT_TIMEOUT));
            case 'm':
                return current == null || !AsciiBytes.startsWith(b, from, to, MESSAGE_TYPE);
            case 'r':
                return current == null || !AsciiBytes.startsWith(b, from, to, RESULT_CODE);
            case 'M':
                return !AsciiBytes.startsWith(b, from, to, RETRIES);
            default:
                return true;
        }
    }

    private void messageType(LogLine l, String m) {
        if (m.contains("(Start-Control-Connection-Request)")) {
            current.sccrq++;
            current.line = l.number;
        } else if (m.contains("(Start-Control-Connection-Reply)")) {
            current.sccrp = true;
            current.line = l.number;
        } else if (m.contains("(Stop-Control-Connection-Notification)")) {
            pendingMessage = "StopCCN";
        } else if (m.contains("(Call-Disconnect-Notify)")) {
            pendingMessage = "CDN";
        } else {
            pendingMessage = null;
        }
    }

    private void result(LogLine l, String m) {
        Matcher r = RESULT.matcher(m);
        if (!r.find()) {
            return;
        }
        Integer code = Integer.valueOf(r.group(1));
        int err = Integer.parseInt(r.group(3));
        if ("StopCCN".equals(pendingMessage)) {
            current.stopCcn = code;
        } else {
            current.cdn = code;
        }
        if (err != 0) {
            current.error = err;
        }
        current.line = l.number;
        current.detail = join(current.detail, (pendingMessage == null ? "" : pendingMessage + ": ")
                + "result " + code + " (" + r.group(2) + "), error " + err
                + (r.group(4).isEmpty() ? "" : " (" + r.group(4) + ")"));
    }

    private Attempt attempt(LogLine l, String host) {
        Attempt a = open.get(host);
        if (a == null) {
            a = start(l, host);
        }
        current = a;
        return a;
    }

    private Attempt start(LogLine l, String host) {
        Attempt old = open.remove(host);
        if (old != null) {
            emit(old);
        }
        if (open.size() >= MAX_OPEN) {
            Attempt eldest = open.values().iterator().next();
            finish(eldest);
        }
        Attempt a = new Attempt(host, l.time, l.number);
        open.put(host, a);
        current = a;
        return a;
    }

    private void finish(Attempt a) {
        open.remove(a.peer);
        emit(a);
        if (current == a) {
            current = null;
        }
    }

    private void emit(Attempt a) {
        out.emit(new L2tpTunnelAttempt(out.ref(a.line), out.side(), a.start, null, a.peer, a.tunnelId, a.sccrq,
                a.sccrp, a.tunnel, a.call, a.stopCcn, a.cdn, a.error, FactOut.detail(a.detail)));
    }

    @Override
    public void end() {
        for (Attempt a : open.values()) {
            emit(a);
        }
        open.clear();
    }

    private static String host(String m) {
        Matcher h = HOST.matcher(m);
        return h.find() ? h.group(1) : null;
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "; " + b;
    }
}
