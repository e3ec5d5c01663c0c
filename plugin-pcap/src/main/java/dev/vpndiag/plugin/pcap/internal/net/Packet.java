package dev.vpndiag.plugin.pcap.internal.net;

/**
 * The decoded network context of the packet being handled: frame, time, addresses, transport.
 * One instance is reused per nesting depth, so trackers copy what they keep.
 */
public final class Packet {
    /** 1-based frame number. */
    public long frame;
    /** Capture time in nanoseconds since the epoch, or {@link Long#MIN_VALUE} when unknown. */
    public long timeNanos;
    /** IPv6 addresses. */
    public boolean v6;
    /** Source address, high 64 bits (IPv6) or 0. */
    public long srcHi;
    /** Source address, low 64 bits, or the IPv4 address. */
    public long srcLo;
    /** Destination address, high 64 bits (IPv6) or 0. */
    public long dstHi;
    /** Destination address, low 64 bits, or the IPv4 address. */
    public long dstLo;
    /** IP protocol of the transport payload. */
    public int protocol;
    /** UDP source port, when UDP. */
    public int srcPort;
    /** UDP destination port, when UDP. */
    public int dstPort;
    /** Part of the packet was cut by the capture's snapshot length. */
    public boolean truncated;
    /**
     * Decoded from an IP header inside ESP (tunnel mode): the outer addresses, those of the IPsec
     * peers the capture saw, are kept in the {@code outer*} fields.
     */
    public boolean tunnelled;
    /** Whether the outer addresses of a tunnelled packet are IPv6. */
    public boolean outerV6;
    /** Outer source address, high half. */
    public long outerSrcHi;
    /** Outer source address, low half. */
    public long outerSrcLo;
    /** Outer destination address, high half. */
    public long outerDstHi;
    /** Outer destination address, low half. */
    public long outerDstLo;
    /** The datagram was put together from IP fragments. */
    public boolean reassembled;
    /** 0 for the captured packet, 1 for a packet decoded inside ESP-null. */
    public int depth;

    /** The source address as text. */
    public String source() {
        return Ip.format(v6, srcHi, srcLo);
    }

    /** The destination address as text. */
    public String destination() {
        return Ip.format(v6, dstHi, dstLo);
    }

    /** The source address in network byte order. */
    public byte[] sourceBytes() {
        return Ip.bytes(v6, srcHi, srcLo);
    }

    /** The destination address in network byte order. */
    public byte[] destinationBytes() {
        return Ip.bytes(v6, dstHi, dstLo);
    }

    /** Replaces a tunnelled packet's addresses by the outer ones. */
    public void useOuterAddresses() {
        if (tunnelled) {
            v6 = outerV6;
            srcHi = outerSrcHi;
            srcLo = outerSrcLo;
            dstHi = outerDstHi;
            dstLo = outerDstLo;
        }
    }

    /** Copies another packet's context. */
    public void copyFrom(Packet o) {
        frame = o.frame;
        timeNanos = o.timeNanos;
        v6 = o.v6;
        srcHi = o.srcHi;
        srcLo = o.srcLo;
        dstHi = o.dstHi;
        dstLo = o.dstLo;
        protocol = o.protocol;
        srcPort = o.srcPort;
        dstPort = o.dstPort;
        truncated = o.truncated;
        reassembled = o.reassembled;
        tunnelled = o.tunnelled;
        outerV6 = o.outerV6;
        outerSrcHi = o.outerSrcHi;
        outerSrcLo = o.outerSrcLo;
        outerDstHi = o.outerDstHi;
        outerDstLo = o.outerDstLo;
        depth = o.depth;
    }
}
