package dev.vpndiag.plugin.pcap.internal.net;

import dev.vpndiag.plugin.pcap.internal.capture.FrameList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounded IP fragment reassembly: at most {@link #MAX_PENDING} datagrams in progress, each at
 * most 64 KiB and {@link #MAX_FRAGMENTS} fragments; datagrams older than {@link #TIMEOUT_NANOS}
 * or pushed out by newer ones are reported incomplete.
 */
final class Reassembler {
    static final int MAX_PENDING = 64;
    static final int MAX_FRAGMENTS = 64;
    static final long TIMEOUT_NANOS = 30_000_000_000L;
    private static final int MAX_DATAGRAM = 65_535;

    /** One datagram in progress. */
    static final class Pending {
        final Packet packet = new Packet();
        final FrameList frames = new FrameList();
        final int[] starts = new int[MAX_FRAGMENTS];
        final int[] ends = new int[MAX_FRAGMENTS];
        int count;
        int total = -1;
        byte[] data = new byte[2048];
        long firstTime;
        boolean firstSeen;
        int firstLen;

        void put(int offset, byte[] b, int off, int len) {
            int need = offset + len;
            if (need > data.length) {
                data = java.util.Arrays.copyOf(data, Math.min(MAX_DATAGRAM, Math.max(need, data.length * 2)));
            }
            System.arraycopy(b, off, data, offset, len);
            starts[count] = offset;
            ends[count] = need;
            count++;
        }

        boolean complete() {
            if (total < 0) {
                return false;
            }
            int covered = 0;
            boolean progress = true;
            while (progress && covered < total) {
                progress = false;
                for (int i = 0; i < count; i++) {
                    if (starts[i] <= covered && ends[i] > covered) {
                        covered = ends[i];
                        progress = true;
                    }
                }
            }
            return covered >= total;
        }
    }

    private record Key(boolean v6, long srcHi, long srcLo, long dstHi, long dstLo, int protocol, long id) {
    }

    private final Map<Key, Pending> pending = new LinkedHashMap<>();
    private final IpHandler handler;

    Reassembler(IpHandler handler) {
        this.handler = handler;
    }

    /**
     * Adds one fragment; when it completes its datagram, hands the datagram to the handler.
     *
     * @param p      the fragment's context (addresses, protocol)
     * @param id     the IP identification
     * @param offset fragment offset in bytes
     * @param more   more fragments follow
     */
    void fragment(Packet p, long id, int offset, boolean more, byte[] b, int off, int len) {
        expire(p.timeNanos);
        Key key = new Key(p.v6, p.srcHi, p.srcLo, p.dstHi, p.dstLo, p.protocol, id);
        Pending d = pending.get(key);
        if (d == null) {
            if (pending.size() >= MAX_PENDING) {
                Iterator<Pending> it = pending.values().iterator();
                Pending oldest = it.next();
                it.remove();
                lost(oldest);
            }
            d = new Pending();
            d.packet.copyFrom(p);
            d.firstTime = p.timeNanos;
            pending.put(key, d);
        }
        d.frames.add(p.frame);
        if (offset + len > MAX_DATAGRAM || d.count >= MAX_FRAGMENTS) {
            handler.malformed(p.frame, "IP fragment beyond the datagram limits (offset " + offset + ")");
            pending.remove(key);
            return;
        }
        d.put(offset, b, off, len);
        if (offset == 0) {
            d.firstSeen = true;
            d.firstLen = len;
        }
        if (!more) {
            d.total = offset + len;
        }
        if (d.complete()) {
            pending.remove(key);
            Packet whole = new Packet();
            whole.copyFrom(d.packet);
            whole.frame = p.frame;
            whole.timeNanos = p.timeNanos;
            whole.reassembled = true;
            handler.transport(whole, d.data, 0, d.total);
        }
    }

    private void expire(long now) {
        if (pending.isEmpty() || now == Long.MIN_VALUE) {
            return;
        }
        List<Pending> old = null;
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending d = it.next();
            if (d.firstTime != Long.MIN_VALUE && now - d.firstTime > TIMEOUT_NANOS) {
                it.remove();
                if (old == null) {
                    old = new ArrayList<>();
                }
                old.add(d);
            }
        }
        if (old != null) {
            old.forEach(this::lost);
        }
    }

    /** Reports every datagram still incomplete. */
    void finish() {
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        all.forEach(this::lost);
    }

    private void lost(Pending d) {
        if (d.firstSeen) {
            handler.incomplete(d.packet, d.frames.locator(), d.data, 0, d.firstLen);
        }
    }
}
