package dev.vpndiag.plugin.pcap.internal;

import dev.vpndiag.plugin.pcap.internal.capture.Origin;
import dev.vpndiag.plugin.pcap.internal.capture.PacketHandler;
import dev.vpndiag.plugin.pcap.internal.esp.EspTracker;
import dev.vpndiag.plugin.pcap.internal.icmp.IcmpTracker;
import dev.vpndiag.api.fact.CaptureSummary;
import dev.vpndiag.plugin.pcap.internal.isakmp.IkeTracker;
import dev.vpndiag.plugin.pcap.internal.l2tp.L2tpTracker;
import dev.vpndiag.plugin.pcap.internal.net.Ip;
import dev.vpndiag.plugin.pcap.internal.net.IpHandler;
import dev.vpndiag.plugin.pcap.internal.net.LinkDecoder;
import dev.vpndiag.plugin.pcap.internal.net.Packet;
import dev.vpndiag.plugin.pcap.internal.net.Trace;
import dev.vpndiag.plugin.pcap.internal.ppp.PppTracker;

/**
 * Wires the decoders: link and IP layers, then UDP port dispatch to ISAKMP (500, 4500 with the
 * non-ESP marker), ESP-in-UDP (4500), NAT keepalives, L2TP (1701); IP protocol 50 to ESP; ICMP.
 * Packets inside ESP-null are decoded once more at depth 1.
 */
public final class Extractor implements PacketHandler, IpHandler {
    /** Prefix of the problem reported when a decoder fails unexpectedly on a packet. */
    public static final String DECODER_FAILURE = "packet could not be decoded: ";

    private final Origin origin;
    private final Trace trace;
    private final LinkDecoder link;
    private final IkeTracker ike;
    private final EspTracker esp;
    private final L2tpTracker l2tp;
    private final PppTracker ppp;
    private final IcmpTracker icmp;
    private final java.util.function.LongPredicate checkpoint;
    /** The UDP datagram found directly inside ESP-null (reused; ESP is only opened at depth 0). */
    private final Packet espUdp = new Packet();
    private final Packet l2tpOuter = new Packet();
    private boolean finished;
    private long packets;
    private long firstNanos = Long.MIN_VALUE;
    private long lastNanos = Long.MIN_VALUE;
    private long ikePackets;
    private long espPackets;
    private long l2tpPackets;

    /**
     * @param origin     where facts go
     * @param trace      per-frame observations
     * @param checkpoint called with the bytes read every few thousand packets; true stops reading
     */
    public Extractor(Origin origin, Trace trace, java.util.function.LongPredicate checkpoint) {
        this.origin = origin;
        this.trace = trace;
        this.checkpoint = checkpoint;
        this.link = new LinkDecoder(this, trace);
        this.ike = new IkeTracker(origin, trace);
        this.ppp = new PppTracker(origin, trace);
        this.l2tp = new L2tpTracker(origin, trace, ppp::frame);
        this.icmp = new IcmpTracker(origin, trace);
        this.esp = new EspTracker(origin, trace, this::espInner);
    }

    @Override
    public void packet(long frame, long timeNanos, int linkType, byte[] data, int off, int capLen, int origLen) {
        packets++;
        if (firstNanos == Long.MIN_VALUE) {
            firstNanos = timeNanos;
        }
        lastNanos = timeNanos;
        try {
            link.frame(frame, timeNanos, linkType, data, off, capLen, origLen);
        } catch (RuntimeException e) {
            origin.sink().problem("frame " + frame, DECODER_FAILURE + e);
        }
    }

    @Override
    public boolean checkpoint(long bytesDone) {
        return checkpoint.test(bytesDone);
    }

    @Override
    public void transport(Packet p, byte[] b, int off, int len) {
        switch (p.protocol) {
            case 17 -> udp(p, b, off, len);
            case 50 -> {
                espPackets++;
                esp.packet(p, b, off, len, false);
            }
            case 1 -> icmp.message(p, false, b, off, len);
            case 58 -> icmp.message(p, true, b, off, len);
            default -> {
            }
        }
    }

    private void udp(Packet p, byte[] b, int off, int len) {
        if (len < 8) {
            return;
        }
        p.srcPort = Ip.u16(b, off);
        p.dstPort = Ip.u16(b, off + 2);
        if (p.depth == 0) {
            trace.udp(p.frame, p.srcPort, p.dstPort);
        }
        int udpLen = Ip.u16(b, off + 4);
        int n = len - 8;
        if (udpLen >= 8 && udpLen - 8 < n) {
            n = udpLen - 8;
        }
        int pos = off + 8;
        if (p.srcPort == 4500 || p.dstPort == 4500) {
            if (n == 1 && (b[pos] & 0xFF) == 0xFF) {
                return;
            }
            if (n >= 4 && Ip.u32(b, pos) == 0) {
                ikePackets++;
                ike.message(p, b, pos + 4, n - 4, true);
            } else if (n >= 8) {
                espPackets++;
                esp.packet(p, b, pos, n, true);
            }
        } else if (p.srcPort == 500 || p.dstPort == 500) {
            ikePackets++;
            ike.message(p, b, pos, n, false);
        } else if (p.srcPort == 1701 || p.dstPort == 1701) {
            l2tpPackets++;
            if (p.tunnelled) {
                // L2TP in tunnel-mode ESP belongs to the IPsec peers the capture saw (the outer addresses, which
                // a NAT may have rewritten), not to the inner addresses
                Packet q = l2tpOuter;
                q.copyFrom(p);
                q.useOuterAddresses();
                l2tp.message(q, b, pos, n);
            } else {
                l2tp.message(p, b, pos, n);
            }
        }
    }

    private void espInner(Packet p, int next, byte[] b, int off, int len) {
        if (next == 4 || next == 41) {
            link.inner(p, next, b, off, len);
        } else if (next == 17) {
            Packet q = espUdp;
            q.copyFrom(p);
            q.depth = 1;
            q.protocol = 17;
            udp(q, b, off, len);
        }
    }

    @Override
    public void ppp(Packet p, long linkKey, int protocol, byte[] b, int off, int len) {
        ppp.frame(p, linkKey, protocol, b, off, len);
    }

    @Override
    public void incomplete(Packet p, String frames, byte[] b, int off, int len) {
        if (p.protocol == 17) {
            ike.incomplete(p, b, off, len);
        }
    }

    @Override
    public void malformed(long frame, String message) {
        origin.sink().problem("frame " + frame, message);
    }

    /** Emits the conversation facts; idempotent. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        link.finish();
        ike.finish();
        esp.finish();
        l2tp.finish();
        ppp.finish();
        icmp.finish();
        // What the capture covers, so rules can reason about packets that are absent from it.
        origin.emit(new CaptureSummary(origin.ref(packets == 0 ? "" : "frames 1-" + packets), origin.side(),
                packets == 0 ? null : Origin.instant(firstNanos), packets == 0 ? null : Origin.instant(lastNanos),
                packets, ikePackets, espPackets, l2tpPackets));
    }
}
