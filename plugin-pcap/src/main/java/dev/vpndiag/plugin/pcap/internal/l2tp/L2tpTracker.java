package dev.vpndiag.plugin.pcap.internal.l2tp;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.L2tpTunnelAttempt;
import dev.vpndiag.plugin.pcap.internal.capture.FrameList;
import dev.vpndiag.plugin.pcap.internal.capture.Origin;
import dev.vpndiag.plugin.pcap.internal.net.Ip;
import dev.vpndiag.plugin.pcap.internal.net.Packet;
import dev.vpndiag.plugin.pcap.internal.net.Trace;
import dev.vpndiag.plugin.pcap.internal.state.KeyTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes L2TPv2 on UDP 1701 (RFC 2661): control messages with their AVPs (message type,
 * result and error codes, assigned tunnel id; hidden AVPs are noted, not decoded) and data
 * messages, whose PPP payload goes to a {@link PppHandler}. One {@link L2tpTunnelAttempt} per
 * control connection.
 */
public final class L2tpTracker {
    /** Tunnels kept; further ones are not followed. */
    static final int MAX_TUNNELS = 2048;
    private static final int MAX_AVPS = 128;

    /** Receives PPP frames carried in L2TP data messages. */
    public interface PppHandler {
        /**
         * @param p        the carrying packet
         * @param linkKey  identifies the PPP link (the tunnel and its endpoints)
         * @param protocol PPP protocol
         */
        void ppp(Packet p, long linkKey, int protocol, byte[] b, int off, int len);
    }

    private static final class Tunnel {
        boolean lacV6;
        long lacHi;
        long lacLo;
        boolean lnsV6;
        long lnsHi;
        long lnsLo;
        int lacTunnel;
        int lnsTunnel = -1;
        int sccrq;
        boolean sccrp;
        boolean scccn;
        boolean iccn;
        Integer stopCcn;
        Integer cdn;
        Integer error;
        String detail;
        boolean hidden;
        long firstTime = Long.MIN_VALUE;
        final FrameList frames = new FrameList();
    }

    private final Origin origin;
    private final Trace trace;
    private final PppHandler ppp;
    /** Tunnels by endpoint pair and tunnel id (either end's). */
    private final KeyTable<Tunnel> byId = new KeyTable<>();
    private final List<Tunnel> tunnels = new ArrayList<>();
    private boolean capReported;

    /**
     * @param origin where facts go
     * @param trace  per-frame observations
     * @param ppp    receives PPP frames of data messages
     */
    public L2tpTracker(Origin origin, Trace trace, PppHandler ppp) {
        this.origin = origin;
        this.trace = trace;
        this.ppp = ppp;
    }

    /** One L2TP message (the UDP payload). */
    public void message(Packet p, byte[] b, int off, int len) {
        if (len < 6) {
            return;
        }
        int flags = Ip.u16(b, off);
        if ((flags & 0x0F) != 2) {
            return;
        }
        boolean control = (flags & 0x8000) != 0;
        int pos = off + 2;
        int end = off + len;
        if ((flags & 0x4000) != 0) {
            int length = Ip.u16(b, pos);
            pos += 2;
            if (length < 6 || length > len) {
                if (!p.truncated) {
                    problem(p.frame, "L2TP length " + length + " does not fit its datagram of " + len);
                }
            } else {
                end = off + length;
            }
        }
        if (end - pos < 4) {
            return;
        }
        int tunnelId = Ip.u16(b, pos);
        int sessionId = Ip.u16(b, pos + 2);
        pos += 4;
        if ((flags & 0x0800) != 0) {
            pos += 4;
        }
        if ((flags & 0x0200) != 0) {
            if (end - pos < 2) {
                return;
            }
            pos += 2 + Ip.u16(b, pos);
        }
        if (pos > end) {
            return;
        }
        long pair = pairKey(p);
        if (!control) {
            int q = pos;
            if (end - q >= 2 && (b[q] & 0xFF) == 0xFF && b[q + 1] == 0x03) {
                q += 2;
            }
            if (end - q >= 2) {
                int protocol;
                if ((b[q] & 1) != 0) {
                    protocol = b[q] & 0xFF;
                    q += 1;
                } else {
                    protocol = Ip.u16(b, q);
                    q += 2;
                }
                ppp.ppp(p, pair ^ ((long) Math.min(tunnelId, 0xFFFF) << 1) ^ sessionId * 31L, protocol, b, q, end - q);
            }
            return;
        }
        control(p, pair, tunnelId, b, pos, end);
    }

    private void control(Packet p, long pair, int tunnelId, byte[] b, int pos, int end) {
        int messageType = -1;
        int result = -1;
        int error = -1;
        String text = null;
        int assignedTunnel = -1;
        boolean hidden = false;
        for (int n = 0; n < MAX_AVPS && end - pos >= 6; n++) {
            int head = Ip.u16(b, pos);
            int avpLen = head & 0x03FF;
            if (avpLen < 6 || avpLen > end - pos) {
                if (!p.truncated) {
                    problem(p.frame, "L2TP AVP length " + avpLen + " does not fit the message");
                }
                break;
            }
            boolean isHidden = (head & 0x4000) != 0;
            int vendor = Ip.u16(b, pos + 2);
            int type = Ip.u16(b, pos + 4);
            int v = pos + 6;
            int vlen = avpLen - 6;
            if (vendor == 0) {
                if (isHidden) {
                    hidden = true;
                } else if (type == 0 && vlen >= 2) {
                    messageType = Ip.u16(b, v);
                } else if (type == 1 && vlen >= 2) {
                    result = Ip.u16(b, v);
                    if (vlen >= 4) {
                        error = Ip.u16(b, v + 2);
                    }
                    if (vlen > 4) {
                        text = new String(b, v + 4, Math.min(vlen - 4, 120), StandardCharsets.UTF_8).trim();
                    }
                } else if (type == 9 && vlen >= 2) {
                    assignedTunnel = Ip.u16(b, v);
                }
            }
            pos += avpLen;
        }
        if (messageType >= 0 && p.depth == 0) {
            trace.l2tp(p.frame, messageType);
        }
        Tunnel t;
        if (messageType == 1) {
            int lac = assignedTunnel < 0 ? 0 : assignedTunnel;
            t = byId.get(pair, lac);
            if (t == null || t.lnsTunnel >= 0 && !sameSource(t, p)) {
                t = newTunnel(p, pair, lac);
                if (t == null) {
                    return;
                }
            }
            t.sccrq++;
        } else {
            t = byId.get(pair, tunnelId);
            if (t == null) {
                if (messageType < 0) {
                    return;
                }
                t = newTunnel(p, pair, -1);
                if (t == null) {
                    return;
                }
            }
            switch (messageType) {
                case 2 -> {
                    t.sccrp = true;
                    if (assignedTunnel >= 0 && t.lnsTunnel < 0) {
                        t.lnsTunnel = assignedTunnel;
                        byId.putIfAbsent(pair, assignedTunnel, t);
                        t.lnsV6 = p.v6;
                        t.lnsHi = p.srcHi;
                        t.lnsLo = p.srcLo;
                    }
                }
                case 3 -> t.scccn = true;
                case 4 -> t.stopCcn = result < 0 ? null : result;
                case 12 -> t.iccn = true;
                case 14 -> t.cdn = result < 0 ? null : result;
                default -> {
                }
            }
            if ((messageType == 4 || messageType == 14) && error > 0) {
                t.error = error;
            }
        }
        if (text != null && !text.isEmpty() && (messageType == 4 || messageType == 14)) {
            t.detail = text;
        }
        t.hidden |= hidden;
        t.frames.add(p.frame);
        if (t.firstTime == Long.MIN_VALUE) {
            t.firstTime = p.timeNanos;
        }
    }

    private static boolean sameSource(Tunnel t, Packet p) {
        return t.lacV6 == p.v6 && t.lacHi == p.srcHi && t.lacLo == p.srcLo;
    }

    private Tunnel newTunnel(Packet p, long pair, int lacTunnel) {
        if (tunnels.size() >= MAX_TUNNELS) {
            if (!capReported) {
                capReported = true;
                problem(p.frame, "more than " + MAX_TUNNELS + " L2TP tunnels; further ones are not followed");
            }
            return null;
        }
        Tunnel t = new Tunnel();
        t.lacV6 = p.v6;
        t.lacHi = p.srcHi;
        t.lacLo = p.srcLo;
        t.lnsV6 = p.v6;
        t.lnsHi = p.dstHi;
        t.lnsLo = p.dstLo;
        t.lacTunnel = lacTunnel;
        if (lacTunnel >= 0) {
            byId.put(pair, lacTunnel, t);
        }
        tunnels.add(t);
        return t;
    }

    /** An order-independent key for the two endpoints. */
    private static long pairKey(Packet p) {
        long a = p.srcHi * 31 + p.srcLo * 17 + p.srcPort;
        long c = p.dstHi * 31 + p.dstLo * 17 + p.dstPort;
        return Math.min(a, c) * 1_000_003L + Math.max(a, c);
    }

    /** Emits one fact per tunnel. */
    public void finish() {
        for (Tunnel t : tunnels) {
            String lac = Ip.format(t.lacV6, t.lacHi, t.lacLo);
            String lns = Ip.format(t.lnsV6, t.lnsHi, t.lnsLo);
            boolean serverSide = origin.side() == Side.SERVER;
            String detail = t.detail;
            if (t.hidden) {
                detail = (detail == null ? "" : detail + "; ") + "hidden AVPs not decoded";
            }
            origin.emit(new L2tpTunnelAttempt(origin.ref(t.frames.locator()), origin.side(), Origin.instant(t.firstTime),
                    serverSide ? lns : lac, serverSide ? lac : lns, t.lacTunnel >= 0 ? t.lacTunnel : null, t.sccrq,
                    t.sccrp, t.scccn, t.iccn, t.stopCcn, t.cdn, t.error, detail));
        }
        tunnels.clear();
        byId.clear();
    }

    private void problem(long frame, String message) {
        origin.sink().problem("frame " + frame, message);
    }
}
