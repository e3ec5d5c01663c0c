package dev.vpndiag.plugin.pcap.internal.esp;

import dev.vpndiag.api.fact.EspFlow;
import dev.vpndiag.plugin.pcap.internal.capture.FrameList;
import dev.vpndiag.plugin.pcap.internal.capture.Origin;
import dev.vpndiag.plugin.pcap.internal.net.Ip;
import dev.vpndiag.plugin.pcap.internal.net.Packet;
import dev.vpndiag.plugin.pcap.internal.net.Trace;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts ESP packets per (source, destination, SPI) and recognises ESP with null encryption,
 * whose inner packet it hands back for decoding.
 */
public final class EspTracker {
    /** Flows kept; further ones are not followed. */
    static final int MAX_FLOWS = 8192;
    private static final int[] ICV_LENGTHS = {12, 16, 20, 24, 32, 0};

    /** Receives the inner packet of a readable (null-encrypted) ESP packet. */
    public interface InnerHandler {
        /**
         * @param p          the carrying packet
         * @param nextHeader the ESP trailer's next header (4 IPv4, 41 IPv6, 17 UDP ...)
         */
        void inner(Packet p, int nextHeader, byte[] b, int off, int len);
    }

    /** Table slots, a power of two well above {@link #MAX_FLOWS}. */
    private static final int SLOTS = 16384;

    private static final class Flow {
        boolean v6;
        long srcHi;
        long srcLo;
        long dstHi;
        long dstLo;
        int spi;
        boolean udp;
        Flow nextInSlot;
        long packets;
        long bytes;
        long firstTime = Long.MIN_VALUE;
        long lastTime;
        boolean readable;
        final FrameList frames = new FrameList();

        boolean matches(Packet p, int spi, boolean udp) {
            return this.spi == spi && srcLo == p.srcLo && dstLo == p.dstLo && this.udp == udp && v6 == p.v6
                    && srcHi == p.srcHi && dstHi == p.dstHi;
        }
    }

    private final Origin origin;
    private final Trace trace;
    private final InnerHandler inner;
    /** Flows in order of appearance. */
    private final List<Flow> flows = new ArrayList<>();
    /** Hash table of the flows, chained through {@link Flow#nextInSlot}. */
    private final Flow[] slots = new Flow[SLOTS];
    private Flow lastFlow;
    private boolean capReported;

    /**
     * @param origin where facts go
     * @param trace  per-frame observations
     * @param inner  receives null-encrypted payloads
     */
    public EspTracker(Origin origin, Trace trace, InnerHandler inner) {
        this.origin = origin;
        this.trace = trace;
        this.inner = inner;
    }

    /** One ESP packet (from the SPI on). */
    public void packet(Packet p, byte[] b, int off, int len, boolean udp) {
        if (len < 8) {
            return;
        }
        int spi = (int) Ip.u32(b, off);
        long seq = Ip.u32(b, off + 4);
        if (p.depth == 0) {
            trace.esp(p.frame, spi & 0xFFFFFFFFL, seq);
        }
        Flow f = lastFlow;
        if (f == null || !f.matches(p, spi, udp)) {
            int slot = slot(p, spi, udp);
            f = slots[slot];
            while (f != null && !f.matches(p, spi, udp)) {
                f = f.nextInSlot;
            }
            if (f == null) {
                if (flows.size() >= MAX_FLOWS) {
                    if (!capReported) {
                        capReported = true;
                        origin.sink().problem("frame " + p.frame, "more than " + MAX_FLOWS + " ESP flows; further ones are not counted");
                    }
                    return;
                }
                f = new Flow();
                f.v6 = p.v6;
                f.srcHi = p.srcHi;
                f.srcLo = p.srcLo;
                f.dstHi = p.dstHi;
                f.dstLo = p.dstLo;
                f.spi = spi;
                f.udp = udp;
                f.firstTime = p.timeNanos;
                f.nextInSlot = slots[slot];
                slots[slot] = f;
                flows.add(f);
            }
            lastFlow = f;
        }
        f.packets++;
        f.bytes += len;
        f.lastTime = p.timeNanos;
        f.frames.add(p.frame);
        if (p.depth == 0 && !p.truncated) {
            int next = nullPayload(b, off, len);
            if (next >= 0) {
                f.readable = true;
                int icvAndTrailer = trailer;
                inner.inner(p, next, b, off + 8, len - 8 - icvAndTrailer);
            }
        }
    }

    private int trailer;

    private static int slot(Packet p, int spi, boolean udp) {
        long h = p.srcLo * 0x9E3779B97F4A7C15L ^ p.dstLo * 0xC2B2AE3D27D4EB4FL ^ p.srcHi * 0x165667B19E3779F9L
                ^ p.dstHi * 0x27D4EB2F165667C5L ^ (spi & 0xFFFFFFFFL) * 0x85EBCA77C2B2AE63L ^ (udp ? 1 : 0);
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (int) h & (SLOTS - 1);
    }

    /**
     * Recognises a null-encrypted payload: for a plausible ICV length, the pad length and the
     * padding bytes (1, 2, 3, ...) must be consistent and the next header an IP or UDP.
     *
     * @return the next header, or -1
     */
    private int nullPayload(byte[] b, int off, int len) {
        for (int icv : ICV_LENGTHS) {
            int nh = off + len - icv - 1;
            int pl = nh - 1;
            if (pl < off + 8) {
                continue;
            }
            int next = b[nh] & 0xFF;
            int padLen = b[pl] & 0xFF;
            if (next != 4 && next != 41 && next != 17) {
                continue;
            }
            int padStart = pl - padLen;
            if (padStart < off + 8 + (next == 17 ? 8 : 20)) {
                continue;
            }
            boolean ok = true;
            for (int i = 0; i < padLen && ok; i++) {
                ok = (b[padStart + i] & 0xFF) == i + 1;
            }
            if (!ok) {
                continue;
            }
            int first = b[off + 8] & 0xF0;
            if ((next == 4 && first != 0x40) || (next == 41 && first != 0x60)) {
                continue;
            }
            trailer = icv + 2 + padLen;
            return next;
        }
        return -1;
    }

    /** Emits one fact per flow. */
    public void finish() {
        for (Flow f : flows) {
            origin.emit(new EspFlow(origin.ref(f.frames.locator()), origin.side(), Origin.instant(f.firstTime),
                    Ip.format(f.v6, f.srcHi, f.srcLo), Ip.format(f.v6, f.dstHi, f.dstLo),
                    f.spi & 0xFFFFFFFFL, f.packets, f.bytes, f.udp, f.readable, Origin.instant(f.lastTime)));
        }
        flows.clear();
        java.util.Arrays.fill(slots, null);
        lastFlow = null;
    }
}
