package dev.vpndiag.plugin.pcap.internal.icmp;

import dev.vpndiag.api.fact.IcmpUnreachable;
import dev.vpndiag.plugin.pcap.internal.capture.FrameList;
import dev.vpndiag.plugin.pcap.internal.capture.Origin;
import dev.vpndiag.plugin.pcap.internal.net.Ip;
import dev.vpndiag.plugin.pcap.internal.net.Packet;
import dev.vpndiag.plugin.pcap.internal.net.Trace;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Finds ICMP and ICMPv6 destination-unreachable messages that quote an IKE (UDP 500/4500), L2TP
 * (UDP 1701) or ESP packet; one {@link IcmpUnreachable} per sender, receiver, code and quoted port.
 */
public final class IcmpTracker {
    static final int MAX_ENTRIES = 1024;

    private record Key(String from, String to, int type, int code, String protocol, int port) {
    }

    private static final class Seen {
        long firstTime = Long.MIN_VALUE;
        final FrameList frames = new FrameList();
    }

    private final Origin origin;
    private final Trace trace;
    private final Map<Key, Seen> seen = new LinkedHashMap<>();

    /**
     * @param origin where facts go
     * @param trace  per-frame observations
     */
    public IcmpTracker(Origin origin, Trace trace) {
        this.origin = origin;
        this.trace = trace;
    }

    /** An ICMP (v6 false) or ICMPv6 message. */
    public void message(Packet p, boolean v6, byte[] b, int off, int len) {
        if (len < 8) {
            return;
        }
        int type = b[off] & 0xFF;
        int code = b[off + 1] & 0xFF;
        if (p.depth == 0 && !v6) {
            trace.icmp(p.frame, type, code);
        }
        if ((v6 ? type != 1 : type != 3)) {
            return;
        }
        int q = off + 8;
        int end = off + len;
        int protocol;
        int transport;
        if (!v6) {
            if (end - q < 20 || (b[q] & 0xF0) != 0x40) {
                return;
            }
            int ihl = (b[q] & 0x0F) * 4;
            protocol = b[q + 9] & 0xFF;
            transport = q + ihl;
        } else {
            if (end - q < 40 || (b[q] & 0xF0) != 0x60) {
                return;
            }
            protocol = b[q + 6] & 0xFF;
            transport = q + 40;
        }
        String quoted;
        int port;
        if (protocol == 50) {
            quoted = "ESP";
            port = 0;
        } else if (protocol == 17 && end - transport >= 4) {
            int sport = Ip.u16(b, transport);
            int dport = Ip.u16(b, transport + 2);
            if (dport == 500 || dport == 4500 || dport == 1701) {
                port = dport;
            } else if (sport == 500 || sport == 4500 || sport == 1701) {
                port = dport;
            } else {
                return;
            }
            quoted = "UDP";
        } else {
            return;
        }
        Key key = new Key(p.source(), p.destination(), type, code, quoted, port);
        Seen s = seen.get(key);
        if (s == null) {
            if (seen.size() >= MAX_ENTRIES) {
                return;
            }
            s = new Seen();
            s.firstTime = p.timeNanos;
            seen.put(key, s);
        }
        s.frames.add(p.frame);
    }

    /** Emits one fact per distinct unreachable. */
    public void finish() {
        for (Map.Entry<Key, Seen> e : seen.entrySet()) {
            Key k = e.getKey();
            origin.emit(new IcmpUnreachable(origin.ref(e.getValue().frames.locator()), origin.side(),
                    Origin.instant(e.getValue().firstTime), k.from(), k.to(), k.type(), k.code(), k.protocol(), k.port()));
        }
        seen.clear();
    }
}
