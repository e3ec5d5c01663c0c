package dev.vpndiag.plugin.pcap.internal.esp;

import dev.vpndiag.api.fact.EspFlow;
import dev.vpndiag.plugin.pcap.internal.capture.FrameList;
import dev.vpndiag.plugin.pcap.internal.capture.Origin;
import dev.vpndiag.plugin.pcap.internal.net.Ip;
import dev.vpndiag.plugin.pcap.internal.net.Packet;
import dev.vpndiag.plugin.pcap.internal.net.Trace;
import java.util.LinkedHashMap;
import java.util.Map;

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

    private record Key(boolean v6, long srcHi, long srcLo, long dstHi, long dstLo, int spi, boolean udp) {
    }

    private static final class Flow {
        long packets;
        long bytes;
        long firstTime = Long.MIN_VALUE;
        long lastTime;
        boolean readable;
        final FrameList frames = new FrameList();
    }

    private final Origin origin;
    private final Trace trace;
    private final InnerHandler inner;
    private final Map<Key, Flow> flows = new LinkedHashMap<>();
    private Key lastKey;
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
        Key key = new Key(p.v6, p.srcHi, p.srcLo, p.dstHi, p.dstLo, spi, udp);
        Flow f;
        if (key.equals(lastKey)) {
            f = lastFlow;
        } else {
            f = flows.get(key);
            if (f == null) {
                if (flows.size() >= MAX_FLOWS) {
                    if (!capReported) {
                        capReported = true;
                        origin.sink().problem("frame " + p.frame, "more than " + MAX_FLOWS + " ESP flows; further ones are not counted");
                    }
                    return;
                }
                f = new Flow();
                f.firstTime = p.timeNanos;
                flows.put(key, f);
            }
            lastKey = key;
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
        for (Map.Entry<Key, Flow> e : flows.entrySet()) {
            Key k = e.getKey();
            Flow f = e.getValue();
            origin.emit(new EspFlow(origin.ref(f.frames.locator()), origin.side(), Origin.instant(f.firstTime),
                    Ip.format(k.v6(), k.srcHi(), k.srcLo()), Ip.format(k.v6(), k.dstHi(), k.dstLo()),
                    k.spi() & 0xFFFFFFFFL, f.packets, f.bytes, k.udp(), f.readable, Origin.instant(f.lastTime)));
        }
        flows.clear();
    }
}
