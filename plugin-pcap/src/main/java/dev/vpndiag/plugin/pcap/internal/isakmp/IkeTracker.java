package dev.vpndiag.plugin.pcap.internal.isakmp;

import dev.vpndiag.api.Layer;
import dev.vpndiag.api.fact.IkeConversation;
import dev.vpndiag.api.fact.IkeNotify;
import dev.vpndiag.api.fact.IkeProposal;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.plugin.pcap.internal.capture.FrameList;
import dev.vpndiag.plugin.pcap.internal.capture.Origin;
import dev.vpndiag.plugin.pcap.internal.net.Ip;
import dev.vpndiag.plugin.pcap.internal.net.Packet;
import dev.vpndiag.plugin.pcap.internal.net.Trace;
import dev.vpndiag.plugin.pcap.internal.state.KeyTable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes ISAKMP messages (IKEv1 and IKEv2 headers and unencrypted payloads) and follows each
 * IKE SA, keyed by its initiator cookie/SPI, to one {@link IkeConversation} fact per SA.
 * Notifies and proposals are emitted as they are seen (retransmissions excepted).
 */
public final class IkeTracker {
    /** Conversations kept; further ones are counted as dropped. */
    static final int MAX_CONVERSATIONS = 4096;
    private static final int MAX_HASHES = 256;
    private static final int MAX_PAYLOADS = 64;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Origin origin;
    private final Trace trace;
    private final NatHashes natHashes = new NatHashes();
    /** Keyed by the initiator cookie/SPI (IKEv2 ones mixed with a constant), in order of appearance. */
    private final KeyTable<Conversation> conversations = new KeyTable<>();
    private boolean capReported;

    /**
     * @param origin where facts go
     * @param trace  per-frame observations
     */
    public IkeTracker(Origin origin, Trace trace) {
        this.origin = origin;
        this.trace = trace;
    }

    /** One IKE SA's messages. */
    private static final class Conversation {
        IkeVersion version;
        long ispi;
        long rspi;
        boolean initV6;
        long initHi;
        long initLo;
        int initPort;
        boolean respV6;
        long respHi;
        long respLo;
        boolean respKnown;
        int initiatorMessages;
        int responderMessages;
        int retransmissions;
        int mainModeStep;
        int quickModeStep;
        int init4500;
        int resp4500;
        Boolean natDetected;
        Boolean responderBehindNat;
        boolean fragmentsMissing;
        int fragmented;
        long firstTime = Long.MIN_VALUE;
        long lastTime = Long.MIN_VALUE;
        final FrameList frames = new FrameList();
        final long[] hashes = new long[MAX_HASHES];
        int hashCount;
        final Map<Long, Integer> quickSteps = new HashMap<>();

        boolean seen(long hash) {
            for (int i = 0; i < hashCount; i++) {
                if (hashes[i] == hash) {
                    return true;
                }
            }
            if (hashCount < MAX_HASHES) {
                hashes[hashCount++] = hash;
            }
            return false;
        }

        boolean fromInitiator(Packet p) {
            if (p.v6 != initV6 || p.srcHi != initHi || p.srcLo != initLo) {
                return false;
            }
            if (respKnown && respV6 == initV6 && respHi == initHi && respLo == initLo) {
                return p.srcPort == initPort;
            }
            return true;
        }
    }

    /** Thrown for a payload whose lengths do not fit its message. */
    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Handles one ISAKMP message (after the UDP header and any non-ESP marker).
     *
     * @param on4500 carried on UDP port 4500
     */
    public void message(Packet p, byte[] b, int off, int len, boolean on4500) {
        if (len < 28) {
            if (!p.truncated) {
                problem(p.frame, "ISAKMP message of " + len + " bytes is shorter than its header");
            }
            return;
        }
        int major = (b[off + 17] & 0xF0) >> 4;
        int exchange = b[off + 18] & 0xFF;
        int flags = b[off + 19] & 0xFF;
        long ispi = Ip.u64(b, off);
        long rspi = Ip.u64(b, off + 8);
        long messageId = Ip.u32(b, off + 20);
        long length = Ip.u32(b, off + 24);
        if (major != 1 && major != 2) {
            problem(p.frame, "ISAKMP version " + major + " is neither IKEv1 nor IKEv2");
            return;
        }
        boolean v2 = major == 2;
        if (length < 28) {
            problem(p.frame, "ISAKMP length " + length + " is shorter than its header");
            return;
        }
        if (p.depth == 0 && trace.active()) {
            trace.isakmp(p.frame, exchange, hex(ispi), hex(rspi), messageId);
        }
        int msgLen = len;
        if (length > len) {
            if (!p.truncated) {
                problem(p.frame, "ISAKMP length " + length + " exceeds the " + len + " bytes of its datagram");
            }
        } else {
            msgLen = (int) length;
        }
        Conversation c = conversation(v2, ispi, p, flags);
        if (c == null) {
            return;
        }
        boolean fromInitiator = v2 ? (flags & 0x08) != 0 : c.fromInitiator(p);
        if (!c.respKnown) {
            c.respKnown = true;
            c.respV6 = p.v6;
            c.respHi = fromInitiator ? p.dstHi : p.srcHi;
            c.respLo = fromInitiator ? p.dstLo : p.srcLo;
        }
        if (c.rspi == 0 && rspi != 0) {
            c.rspi = rspi;
        }
        c.frames.add(p.frame);
        if (c.firstTime == Long.MIN_VALUE) {
            c.firstTime = p.timeNanos;
        }
        c.lastTime = p.timeNanos;
        if (p.reassembled) {
            c.fragmented++;
        }
        if (fromInitiator) {
            c.initiatorMessages++;
            if (on4500) {
                c.init4500++;
            }
        } else {
            c.responderMessages++;
            if (on4500) {
                c.resp4500++;
            }
        }
        boolean retransmission = c.seen(hash(b, off, msgLen));
        if (retransmission) {
            c.retransmissions++;
        }
        boolean encrypted = !v2 && (flags & 0x01) != 0;
        Contents contents = this.contents;
        contents.reset();
        if (!encrypted) {
            try {
                payloads(p, c, v2, exchange, b, off, msgLen, fromInitiator, !retransmission, contents);
            } catch (Malformed e) {
                if (!p.truncated) {
                    problem(p.frame, e.getMessage());
                }
            }
        }
        step(c, v2, exchange, flags, messageId, fromInitiator, encrypted, retransmission, contents);
        if (contents.natdCount > 0) {
            verifyNatD(c, v2, p, ispi, rspi, b, contents, fromInitiator);
        }
    }

    /** What the unencrypted payloads of one message held. */
    private static final class Contents {
        boolean sa;
        boolean ke;
        /** IKEv1 NAT-D payloads, or IKEv2 NAT_DETECTION notifies. */
        int natdCount;
        /** IKEv1 NAT-D payload bodies (offsets into the message's array). */
        final int[] natdOff = new int[MAX_PAYLOADS];
        final int[] natdLen = new int[MAX_PAYLOADS];
        /** IKEv2 NAT_DETECTION_SOURCE_IP data, or -1. */
        int sourceOff;
        int sourceLen;
        /** IKEv2 NAT_DETECTION_DESTINATION_IP data, or -1. */
        int destinationOff;
        int destinationLen;

        void reset() {
            sa = false;
            ke = false;
            natdCount = 0;
            sourceOff = -1;
            destinationOff = -1;
        }
    }

    /** The payload summary of the message being handled (reused). */
    private final Contents contents = new Contents();

    private Conversation conversation(boolean v2, long ispi, Packet p, int flags) {
        long key = v2 ? ispi ^ 0x5DEECE66DL : ispi;
        Conversation c = conversations.get(key, 0);
        if (c != null) {
            return c;
        }
        if (conversations.size() >= MAX_CONVERSATIONS) {
            if (!capReported) {
                capReported = true;
                problem(p.frame, "more than " + MAX_CONVERSATIONS + " IKE SAs; further ones are not followed");
            }
            return null;
        }
        c = new Conversation();
        c.version = v2 ? IkeVersion.IKEV2 : IkeVersion.IKEV1;
        c.ispi = ispi;
        boolean senderIsInitiator = !v2 || (flags & 0x08) != 0;
        if (senderIsInitiator) {
            c.initV6 = p.v6;
            c.initHi = p.srcHi;
            c.initLo = p.srcLo;
            c.initPort = p.srcPort;
        } else {
            c.initV6 = p.v6;
            c.initHi = p.dstHi;
            c.initLo = p.dstLo;
            c.initPort = p.dstPort;
        }
        conversations.put(key, 0, c);
        return c;
    }

    private void payloads(Packet p, Conversation c, boolean v2, int exchange, byte[] b, int off, int len,
                          boolean fromInitiator, boolean fresh, Contents contents) throws Malformed {
        int next = b[off + 16] & 0xFF;
        int pos = off + 28;
        int end = off + len;
        String locator = fresh ? "frame " + p.frame : null;
        for (int n = 0; next != 0 && n < MAX_PAYLOADS; n++) {
            if (end - pos < 4) {
                throw new Malformed("ISAKMP payload " + next + " header beyond the message end");
            }
            int plen = Ip.u16(b, pos + 2);
            if (plen < 4 || plen > end - pos) {
                throw new Malformed("ISAKMP payload " + next + " length " + plen + " does not fit the message");
            }
            int body = pos + 4;
            int blen = plen - 4;
            int type = next;
            if (v2 && (type == 46 || type == 53)) {
                return;
            }
            switch (type) {
                case 1, 33 -> {
                    contents.sa = true;
                    if (fresh) {
                        try {
                            List<IkeProposal> proposals = v2
                                    ? ProposalDecoder.ikev2(origin, locator, Origin.instant(p.timeNanos), !fromInitiator, b, body, blen)
                                    : ProposalDecoder.ikev1(origin, locator, Origin.instant(p.timeNanos), exchange == 32,
                                    !fromInitiator, b, body, blen);
                            proposals.forEach(origin::emit);
                        } catch (ProposalDecoder.BadSa e) {
                            throw new Malformed(e.getMessage());
                        }
                    }
                }
                case 4, 34 -> contents.ke = true;
                case 13, 43 -> {
                    if (p.depth == 0 && trace.active()) {
                        VendorIds.VendorId id = VendorIds.of(b, body, blen);
                        trace.vendorId(p.frame, HexFormat.of().formatHex(b, body, body + blen), id.kind().name(), id.name());
                    }
                }
                case 11 -> notifyV1(p, c, exchange, b, body, blen, fromInitiator, fresh, locator);
                case 41 -> notifyV2(p, exchange, b, body, blen, fromInitiator, fresh, locator, contents);
                case 20, 130 -> {
                    if (!v2) {
                        contents.natdOff[contents.natdCount] = body;
                        contents.natdLen[contents.natdCount] = blen;
                        contents.natdCount++;
                    }
                }
                default -> {
                }
            }
            next = b[pos] & 0xFF;
            pos += plen;
        }
    }

    private void notifyV1(Packet p, Conversation c, int exchange, byte[] b, int body, int blen, boolean fromInitiator,
                          boolean fresh, String locator) throws Malformed {
        if (blen < 8) {
            throw new Malformed("IKEv1 notify payload too short");
        }
        int protocol = b[body + 4] & 0xFF;
        int type = Ip.u16(b, body + 6);
        if (p.depth == 0) {
            trace.notify(p.frame, type);
        }
        if (fresh) {
            Layer phase = exchange == 32 || protocol == 2 || protocol == 3 ? Layer.IKE_QUICK_MODE : Layer.IKE_MAIN_MODE;
            origin.emit(new IkeNotify(origin.ref(locator), origin.side(), Origin.instant(p.timeNanos), IkeVersion.IKEV1,
                    phase, type, IkeNames.notify(false, type), !fromInitiator, p.source(), p.destination()));
        }
    }

    private void notifyV2(Packet p, int exchange, byte[] b, int body, int blen, boolean fromInitiator, boolean fresh,
                          String locator, Contents contents) throws Malformed {
        if (blen < 4) {
            throw new Malformed("IKEv2 notify payload too short");
        }
        int spiSize = b[body + 1] & 0xFF;
        int type = Ip.u16(b, body + 2);
        if (p.depth == 0) {
            trace.notify(p.frame, type);
        }
        int data = body + 4 + spiSize;
        if (data <= body + blen) {
            if (type == 16388) {
                contents.sourceOff = data;
                contents.sourceLen = body + blen - data;
            } else if (type == 16389) {
                contents.destinationOff = data;
                contents.destinationLen = body + blen - data;
            }
        }
        if (fresh) {
            Layer phase = exchange == 36 ? Layer.IKE_QUICK_MODE : Layer.IKE_MAIN_MODE;
            origin.emit(new IkeNotify(origin.ref(locator), origin.side(), Origin.instant(p.timeNanos), IkeVersion.IKEV2,
                    phase, type, IkeNames.notify(true, type), !fromInitiator, p.source(), p.destination()));
        }
        if (type == 16388 || type == 16389) {
            contents.natdCount++;
        }
    }

    private static void step(Conversation c, boolean v2, int exchange, int flags, long messageId, boolean fromInitiator,
                             boolean encrypted, boolean retransmission, Contents contents) {
        if (v2) {
            boolean response = (flags & 0x20) != 0;
            switch (exchange) {
                case 34 -> c.mainModeStep = Math.max(c.mainModeStep, response ? 2 : 1);
                case 35 -> c.mainModeStep = Math.max(c.mainModeStep, response ? 4 : 3);
                case 36 -> c.quickModeStep = Math.max(c.quickModeStep, response ? 2 : 1);
                default -> {
                }
            }
            return;
        }
        switch (exchange) {
            case 2 -> {
                int s;
                if (encrypted) {
                    s = fromInitiator ? 5 : 6;
                } else if (contents.sa) {
                    s = fromInitiator ? 1 : 2;
                } else if (contents.ke) {
                    s = fromInitiator ? 3 : 4;
                } else {
                    s = c.mainModeStep + ((c.mainModeStep % 2 == 0) == fromInitiator ? 1 : 0);
                }
                c.mainModeStep = Math.max(c.mainModeStep, Math.min(6, s));
            }
            case 4 -> {
                int s = fromInitiator ? (c.mainModeStep >= 2 ? 3 : 1) : 2;
                c.mainModeStep = Math.max(c.mainModeStep, s);
            }
            case 32 -> {
                if (!retransmission && c.quickSteps.size() < MAX_HASHES) {
                    int n = c.quickSteps.merge(messageId, 1, Integer::sum);
                    c.quickModeStep = Math.max(c.quickModeStep, Math.min(3, n));
                }
            }
            default -> {
            }
        }
    }

    /**
     * Checks the NAT-D hashes of one message against the addresses it travels with. The sender hashes
     * the address it sends to (IKEv1: first NAT-D payload; IKEv2: NAT_DETECTION_DESTINATION_IP) and its
     * own (the other NAT-D payloads; NAT_DETECTION_SOURCE_IP): a hash that does not match the packet's
     * address shows that address translated, so which end is behind the NAT follows from the direction.
     */
    private void verifyNatD(Conversation c, boolean v2, Packet p, long ispi, long rspi, byte[] b, Contents contents,
                            boolean fromInitiator) {
        int length = v2 ? 20 : contents.natdLen[0];
        byte[] src = natHashes.hash(length, ispi, rspi, p.v6, p.srcHi, p.srcLo, p.srcPort);
        byte[] dst = natHashes.hash(length, ispi, rspi, p.v6, p.dstHi, p.dstLo, p.dstPort);
        if (src == null || dst == null) {
            return;
        }
        // null: the message carries no hash of that end
        Boolean senderMatches;
        Boolean receiverMatches;
        if (v2) {
            senderMatches = contents.sourceOff < 0 ? null : equal(b, contents.sourceOff, contents.sourceLen, src);
            receiverMatches = contents.destinationOff < 0 ? null : equal(b, contents.destinationOff, contents.destinationLen, dst);
        } else {
            receiverMatches = equal(b, contents.natdOff[0], contents.natdLen[0], dst);
            boolean local = false;
            for (int i = 1; i < contents.natdCount; i++) {
                local |= equal(b, contents.natdOff[i], contents.natdLen[i], src);
            }
            senderMatches = contents.natdCount == 1 ? null : local;
        }
        boolean match = !Boolean.FALSE.equals(senderMatches) && !Boolean.FALSE.equals(receiverMatches);
        if (!match) {
            c.natDetected = Boolean.TRUE;
        } else if (c.natDetected == null) {
            c.natDetected = Boolean.FALSE;
        }
        Boolean responderMatches = fromInitiator ? receiverMatches : senderMatches;
        if (Boolean.FALSE.equals(responderMatches)) {
            c.responderBehindNat = Boolean.TRUE;
        } else if (responderMatches != null && c.responderBehindNat == null) {
            c.responderBehindNat = Boolean.FALSE;
        }
    }

    private static boolean equal(byte[] b, int off, int len, byte[] hash) {
        return Arrays.equals(b, off, off + len, hash, 0, hash.length);
    }

    /**
     * A fragmented datagram that never completed: when it was an ISAKMP message, its SA had
     * fragments missing.
     *
     * @param b   bytes of the first fragment from the UDP header on
     */
    public void incomplete(Packet p, byte[] b, int off, int len) {
        if (len < 8) {
            return;
        }
        int sport = Ip.u16(b, off);
        int dport = Ip.u16(b, off + 2);
        int pos = off + 8;
        if (sport == 4500 || dport == 4500) {
            if (len < 12 || Ip.u32(b, pos) != 0) {
                return;
            }
            pos += 4;
        } else if (sport != 500 && dport != 500) {
            return;
        }
        if (off + len - pos < 28) {
            return;
        }
        long ispi = Ip.u64(b, pos);
        boolean v2 = (b[pos + 17] & 0xF0) == 0x20;
        Conversation c = conversations.get(v2 ? ispi ^ 0x5DEECE66DL : ispi, 0);
        if (c == null) {
            Packet q = new Packet();
            q.copyFrom(p);
            q.srcPort = sport;
            q.dstPort = dport;
            c = conversation(v2, ispi, q, b[pos + 19] & 0xFF);
            if (c == null) {
                return;
            }
            c.rspi = Ip.u64(b, pos + 8);
            c.frames.add(p.frame);
            c.firstTime = p.timeNanos;
            c.lastTime = p.timeNanos;
        }
        c.fragmentsMissing = true;
        c.fragmented++;
    }

    /** Emits one fact per IKE SA. */
    public void finish() {
        for (Conversation c : conversations.values()) {
            String initiator = Ip.format(c.initV6, c.initHi, c.initLo);
            String responder = c.respKnown ? Ip.format(c.respV6, c.respHi, c.respLo) : null;
            origin.emit(new IkeConversation(origin.ref(c.frames.locator()), origin.side(), Origin.instant(c.firstTime),
                    c.version, initiator, responder, hex(c.ispi), hex(c.rspi), c.initiatorMessages,
                    c.responderMessages, c.retransmissions, c.mainModeStep, c.quickModeStep, c.init4500, c.resp4500,
                    c.natDetected, c.fragmentsMissing, Origin.instant(c.lastTime), c.responderBehindNat, c.fragmented));
        }
        conversations.clear();
    }

    /**
     * A 64-bit hash of a message, for recognising byte-identical repeats; four independent lanes
     * of 8 bytes each per step.
     */
    static long hash(byte[] b, int off, int len) {
        long h0 = 0xcbf29ce484222325L ^ len * 0x9E3779B97F4A7C15L;
        long h1 = 0x84222325cbf29ce4L;
        long h2 = 0x27D4EB2F165667C5L;
        long h3 = 0x165667B19E3779F9L;
        int i = off;
        int end = off + len;
        for (; i + 32 <= end; i += 32) {
            h0 = Long.rotateLeft(h0 + (long) LONGS.get(b, i) * 0xC2B2AE3D27D4EB4FL, 31) * 0x9E3779B97F4A7C15L;
            h1 = Long.rotateLeft(h1 + (long) LONGS.get(b, i + 8) * 0xC2B2AE3D27D4EB4FL, 31) * 0x9E3779B97F4A7C15L;
            h2 = Long.rotateLeft(h2 + (long) LONGS.get(b, i + 16) * 0xC2B2AE3D27D4EB4FL, 31) * 0x9E3779B97F4A7C15L;
            h3 = Long.rotateLeft(h3 + (long) LONGS.get(b, i + 24) * 0xC2B2AE3D27D4EB4FL, 31) * 0x9E3779B97F4A7C15L;
        }
        long h = Long.rotateLeft(h0, 1) + Long.rotateLeft(h1, 7) + Long.rotateLeft(h2, 12) + Long.rotateLeft(h3, 18);
        for (; i + 8 <= end; i += 8) {
            h = Long.rotateLeft(h ^ (long) LONGS.get(b, i) * 0xC2B2AE3D27D4EB4FL, 31) * 0x9E3779B97F4A7C15L;
        }
        for (; i < end; i++) {
            h = (h ^ (b[i] & 0xFF)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        return h ^ h >>> 33;
    }

    private void problem(long frame, String message) {
        origin.sink().problem("frame " + frame, message);
    }

    static String hex(long v) {
        String s = Long.toHexString(v);
        return "0000000000000000".substring(s.length()) + s;
    }
}
