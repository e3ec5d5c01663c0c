package dev.vpndiag.plugin.pcap.internal.net;

/**
 * Decodes link-layer headers (Ethernet with 802.1Q/802.1ad tags and PPPoE sessions, BSD
 * loopback, Linux cooked SLL and SLL2, raw IP, PPP) and IPv4/IPv6 (extension headers, AH,
 * fragments) down to the transport payload, which goes to an {@link IpHandler}.
 */
public final class LinkDecoder {
    private static final int MAX_EXTENSION_HEADERS = 16;
    /** IP protocols decoded above IPv4: ICMP, UDP, ESP, AH, ICMPv6. */
    private static final boolean[] RELEVANT = new boolean[256];

    static {
        for (int protocol : new int[] {1, 17, 50, 51, 58}) {
            RELEVANT[protocol] = true;
        }
    }

    /** Deepest nesting of IP in IP (through AH or ESP-null) that is decoded. */
    private static final int MAX_NESTING = 8;

    private final IpHandler handler;
    private final Trace trace;
    private final Reassembler reassembler;
    private final Packet packet = new Packet();
    /** Packets decoded inside others, one per nesting level (AH and ESP-null tunnels). */
    private final Packet[] innerPackets = new Packet[MAX_NESTING];
    private int nesting;

    /**
     * @param handler receives transport payloads
     * @param trace   per-frame observations
     */
    public LinkDecoder(IpHandler handler, Trace trace) {
        this.handler = handler;
        this.trace = trace;
        this.reassembler = new Reassembler(handler);
        for (int i = 0; i < MAX_NESTING; i++) {
            innerPackets[i] = new Packet();
        }
    }

    /** Decodes one captured frame. */
    public void frame(long frame, long timeNanos, int linkType, byte[] b, int off, int capLen, int origLen) {
        Packet p = packet;
        p.frame = frame;
        p.timeNanos = timeNanos;
        p.truncated = capLen < origLen;
        p.reassembled = false;
        p.tunnelled = false;
        p.depth = 0;
        p.srcHi = 0;
        p.srcLo = 0;
        p.dstHi = 0;
        p.dstLo = 0;
        p.srcPort = 0;
        p.dstPort = 0;
        int end = off + capLen;
        switch (linkType) {
            case 1 -> ethernet(p, b, off, end);
            case 0 -> {
                if (capLen >= 4) {
                    int le = (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
                    int family = (le & 0xFFFF0000) != 0 ? Integer.reverseBytes(le) : le;
                    family(p, family, b, off + 4, end);
                }
            }
            case 108 -> {
                if (capLen >= 4) {
                    family(p, (int) Ip.u32(b, off), b, off + 4, end);
                }
            }
            case 101, 12, 14 -> rawIp(p, b, off, end);
            case 228 -> ipv4(p, b, off, end);
            case 229 -> ipv6(p, b, off, end);
            case 113 -> {
                if (capLen >= 16) {
                    etherType(p, Ip.u16(b, off + 14), b, off + 16, end);
                }
            }
            case 276 -> {
                if (capLen >= 20) {
                    etherType(p, Ip.u16(b, off), b, off + 20, end);
                }
            }
            case 9, 50, 204 -> ppp(p, 0, b, off, end);
            default -> {
                // link types without IP are ignored
            }
        }
    }

    /** Reports every fragmented datagram still incomplete. */
    public void finish() {
        reassembler.finish();
    }

    /**
     * Decodes an IP packet found inside another (ESP-null tunnel mode or transport), at depth 1.
     *
     * @param outer    the carrying packet (frame and time are kept)
     * @param protocol 4 for IPv4, 41 for IPv6
     */
    public void inner(Packet outer, int protocol, byte[] b, int off, int len) {
        if (nesting >= MAX_NESTING) {
            return;
        }
        Packet p = innerPackets[nesting];
        p.copyFrom(outer);
        p.depth = 1;
        p.srcPort = 0;
        p.dstPort = 0;
        p.tunnelled = true;
        p.outerV6 = outer.v6;
        p.outerSrcHi = outer.srcHi;
        p.outerSrcLo = outer.srcLo;
        p.outerDstHi = outer.dstHi;
        p.outerDstLo = outer.dstLo;
        nesting++;
        try {
            if (protocol == 4) {
                ipv4(p, b, off, off + len);
            } else if (protocol == 41) {
                ipv6(p, b, off, off + len);
            }
        } finally {
            nesting--;
        }
    }

    private void family(Packet p, int family, byte[] b, int off, int end) {
        if (family == 2) {
            ipv4(p, b, off, end);
        } else if (family == 24 || family == 28 || family == 30 || family == 10) {
            ipv6(p, b, off, end);
        }
    }

    private void ethernet(Packet p, byte[] b, int off, int end) {
        if (end - off < 14) {
            return;
        }
        int type = Ip.u16(b, off + 12);
        int pos = off + 14;
        int tags = 0;
        while ((type == 0x8100 || type == 0x88A8 || type == 0x9100) && end - pos >= 4 && tags++ < 4) {
            type = Ip.u16(b, pos + 2);
            pos += 4;
        }
        if (type == 0x8864) {
            // PPPoE has no IP header: the MAC addresses tell the directions apart
            p.v6 = false;
            p.dstHi = 0;
            p.srcHi = 0;
            p.dstLo = Ip.u64(b, off) >>> 16;
            p.srcLo = Ip.u64(b, off + 6) >>> 16;
        }
        etherType(p, type, b, pos, end);
    }

    private void etherType(Packet p, int type, byte[] b, int pos, int end) {
        switch (type) {
            case 0x0800 -> ipv4(p, b, pos, end);
            case 0x86DD -> ipv6(p, b, pos, end);
            case 0x8864 -> {
                if (end - pos >= 6) {
                    int len = Ip.u16(b, pos + 4);
                    int stop = Math.min(end, pos + 6 + len);
                    ppp(p, 0x10000L | Ip.u16(b, pos + 2), b, pos + 6, stop);
                }
            }
            default -> {
                // not IP
            }
        }
    }

    private void rawIp(Packet p, byte[] b, int off, int end) {
        if (end > off) {
            int v = (b[off] & 0xF0) >> 4;
            if (v == 4) {
                ipv4(p, b, off, end);
            } else if (v == 6) {
                ipv6(p, b, off, end);
            }
        }
    }

    /** PPP header: optional address/control (FF 03), then a 1- or 2-byte protocol. */
    private void ppp(Packet p, long linkKey, byte[] b, int pos, int end) {
        if (end - pos >= 2 && (b[pos] & 0xFF) == 0xFF && b[pos + 1] == 0x03) {
            pos += 2;
        }
        if (end - pos < 1) {
            return;
        }
        int protocol;
        if ((b[pos] & 1) != 0) {
            protocol = b[pos] & 0xFF;
            pos += 1;
        } else {
            if (end - pos < 2) {
                return;
            }
            protocol = Ip.u16(b, pos);
            pos += 2;
        }
        if (protocol == 0x0021) {
            ipv4(p, b, pos, end);
        } else if (protocol == 0x0057) {
            ipv6(p, b, pos, end);
        } else {
            handler.ppp(p, linkKey, protocol, b, pos, end - pos);
        }
    }

    private void ipv4(Packet p, byte[] b, int off, int end) {
        int len = end - off;
        if (len < 20 || (b[off] & 0xF0) != 0x40) {
            return;
        }
        int ihl = (b[off] & 0x0F) * 4;
        int total = Ip.u16(b, off + 2);
        if (ihl < 20 || ihl > len || total < ihl) {
            if (!p.truncated) {
                handler.malformed(p.frame, "IPv4 header length " + ihl + " / total length " + total + " inconsistent");
            }
            return;
        }
        if (total < len) {
            end = off + total;
        } else if (total > len && !p.truncated && p.depth == 0) {
            handler.malformed(p.frame, "IPv4 total length " + total + " exceeds the " + len + " bytes captured");
        }
        p.v6 = false;
        p.srcHi = 0;
        p.dstHi = 0;
        p.srcLo = Ip.u32(b, off + 12);
        p.dstLo = Ip.u32(b, off + 16);
        p.protocol = b[off + 9] & 0xFF;
        if (p.depth == 0 && trace.active()) {
            trace.ip(p.frame, p.source(), p.destination());
        }
        if (!RELEVANT[p.protocol]) {
            // nothing above IP is decoded for this protocol: no reassembly, no further reads
            return;
        }
        int fragField = Ip.u16(b, off + 6);
        boolean more = (fragField & 0x2000) != 0;
        int fragOffset = (fragField & 0x1FFF) * 8;
        int pos = off + ihl;
        if (more || fragOffset != 0) {
            if (!p.truncated || end - off == total) {
                reassembler.fragment(p, Ip.u16(b, off + 4), fragOffset, more, b, pos, end - pos);
            }
            return;
        }
        afterIp(p, b, pos, end, p.protocol);
    }

    private void ipv6(Packet p, byte[] b, int off, int end) {
        int len = end - off;
        if (len < 40 || (b[off] & 0xF0) != 0x60) {
            return;
        }
        int payload = Ip.u16(b, off + 4);
        if (payload + 40 < len && payload != 0) {
            end = off + 40 + payload;
        }
        p.v6 = true;
        p.srcHi = Ip.u64(b, off + 8);
        p.srcLo = Ip.u64(b, off + 16);
        p.dstHi = Ip.u64(b, off + 24);
        p.dstLo = Ip.u64(b, off + 32);
        if (p.depth == 0 && trace.active()) {
            trace.ip(p.frame, p.source(), p.destination());
        }
        int next = b[off + 6] & 0xFF;
        int pos = off + 40;
        for (int i = 0; i < MAX_EXTENSION_HEADERS; i++) {
            if (next == 0 || next == 43 || next == 60) {
                if (end - pos < 8) {
                    return;
                }
                int n = b[pos] & 0xFF;
                pos += ((b[pos + 1] & 0xFF) + 1) * 8;
                next = n;
            } else if (next == 44) {
                if (end - pos < 8) {
                    return;
                }
                int n = b[pos] & 0xFF;
                int field = Ip.u16(b, pos + 2);
                long id = Ip.u32(b, pos + 4);
                pos += 8;
                if (pos > end) {
                    return;
                }
                p.protocol = n;
                int fragOffset = field & 0xFFF8;
                boolean more = (field & 1) != 0;
                if (fragOffset == 0 && !more) {
                    next = n;
                    continue;
                }
                reassembler.fragment(p, id, fragOffset, more, b, pos, end - pos);
                return;
            } else {
                break;
            }
        }
        if (pos > end) {
            return;
        }
        p.protocol = next;
        afterIp(p, b, pos, end, next);
    }

    /** Skips AH (its next header follows it) and hands over the transport payload. */
    private void afterIp(Packet p, byte[] b, int pos, int end, int protocol) {
        if (protocol == 51 && end - pos >= 8) {
            int next = b[pos] & 0xFF;
            int ahLen = ((b[pos + 1] & 0xFF) + 2) * 4;
            if (ahLen <= end - pos) {
                p.protocol = next;
                if (next == 4 || next == 41) {
                    inner(p, next, b, pos + ahLen, end - pos - ahLen);
                    return;
                }
                handler.transport(p, b, pos + ahLen, end - pos - ahLen);
            }
            return;
        }
        p.protocol = protocol;
        handler.transport(p, b, pos, end - pos);
    }
}
