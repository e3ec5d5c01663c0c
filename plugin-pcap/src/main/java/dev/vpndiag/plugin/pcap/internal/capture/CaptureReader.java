package dev.vpndiag.plugin.pcap.internal.capture;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Streams the packet records of a classic pcap or a pcapng file (both byte orders, micro- or
 * nanosecond pcap, pcapng with several sections and interfaces) from a {@link ByteWindow}. Every
 * length is checked against the window cap and the enclosing structure before use.
 */
public final class CaptureReader {
    /** Largest record accepted (also the window cap). */
    public static final int MAX_RECORD = 16 << 20;
    private static final int CHECKPOINT_EVERY = 4096;
    private static final int MAX_INTERFACES = 4096;

    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final ByteWindow in;
    private final PacketHandler handler;
    private long frame;

    /**
     * @param in      the content
     * @param handler where packets go
     */
    public CaptureReader(ByteWindow in, PacketHandler handler) {
        this.in = in;
        this.handler = handler;
    }

    /** Frames read so far. */
    public long frames() {
        return frame;
    }

    /** True when the first bytes are a pcap or pcapng magic. */
    public static boolean isCapture(byte[] head) {
        if (head.length < 4) {
            return false;
        }
        int be = u32be(head, 0);
        int le = Integer.reverseBytes(be);
        if (be == 0xA1B2C3D4 || le == 0xA1B2C3D4 || be == 0xA1B23C4D || le == 0xA1B23C4D) {
            return true;
        }
        return be == 0x0A0D0D0A && head.length >= 12
                && (u32be(head, 8) == 0x1A2B3C4D || u32be(head, 8) == 0x4D3C2B1A);
    }

    /**
     * Reads the whole capture.
     *
     * @throws CaptureFormatException at damaged content
     */
    public void read() throws IOException {
        if (!in.ensure(4)) {
            throw new CaptureFormatException(0, "too short for a capture header");
        }
        int magic = u32be(in.array(), in.pos());
        if (magic == 0x0A0D0D0A) {
            readPcapng();
        } else {
            readPcap();
        }
    }

    private void readPcap() throws IOException {
        if (!in.ensure(24)) {
            throw new CaptureFormatException(0, "pcap file header truncated");
        }
        byte[] b = in.array();
        int p = in.pos();
        int magic = u32be(b, p);
        boolean little;
        boolean nano;
        switch (magic) {
            case 0xA1B2C3D4 -> { little = false; nano = false; }
            case 0xA1B23C4D -> { little = false; nano = true; }
            case 0xD4C3B2A1 -> { little = true; nano = false; }
            case 0x4D3CB2A1 -> { little = true; nano = true; }
            default -> throw new CaptureFormatException(0, String.format("not a capture: magic 0x%08x", magic));
        }
        int linkType = u32(b, p + 20, little) & 0x0FFFFFFF;
        in.skip(24);
        while (true) {
            long recordOffset = in.offset();
            if (!in.ensure(16)) {
                if (in.available() == 0) {
                    return;
                }
                throw new CaptureFormatException(recordOffset, "packet header truncated (file ends)");
            }
            b = in.array();
            p = in.pos();
            long sec = u32(b, p, little) & 0xFFFFFFFFL;
            long frac = u32(b, p + 4, little) & 0xFFFFFFFFL;
            long incl = u32(b, p + 8, little) & 0xFFFFFFFFL;
            long orig = u32(b, p + 12, little) & 0xFFFFFFFFL;
            if (incl > MAX_RECORD - 16) {
                throw new CaptureFormatException(recordOffset, "packet length " + incl + " is absurd");
            }
            if (!in.ensure(16 + (int) incl)) {
                throw new CaptureFormatException(recordOffset, "packet truncated: " + incl + " bytes announced, "
                        + (in.available() - 16) + " present");
            }
            b = in.array();
            p = in.pos();
            long nanos = sec * 1_000_000_000L + (nano ? frac : frac * 1000L);
            frame++;
            handler.packet(frame, nanos, linkType, b, p + 16, (int) incl, (int) Math.min(orig, Integer.MAX_VALUE));
            in.skip(16 + (int) incl);
            if (frame % CHECKPOINT_EVERY == 0 && handler.checkpoint(in.offset())) {
                return;
            }
        }
    }

    private void readPcapng() throws IOException {
        boolean little = false;
        boolean sectionSeen = false;
        int[] linkTypes = new int[8];
        long[] unitsPerSec = new long[8];
        int[] snapLens = new int[8];
        int interfaces = 0;
        while (true) {
            long blockOffset = in.offset();
            if (!in.ensure(12)) {
                if (in.available() == 0) {
                    return;
                }
                throw new CaptureFormatException(blockOffset, "block header truncated (file ends)");
            }
            byte[] b = in.array();
            int p = in.pos();
            int type = u32(b, p, little);
            if (u32be(b, p) == 0x0A0D0D0A) {
                int bom = u32be(b, p + 8);
                if (bom == 0x1A2B3C4D) {
                    little = false;
                } else if (bom == 0x4D3C2B1A) {
                    little = true;
                } else {
                    throw new CaptureFormatException(blockOffset, String.format("bad byte-order magic 0x%08x", bom));
                }
                type = 0x0A0D0D0A;
                sectionSeen = true;
                interfaces = 0;
            } else if (!sectionSeen) {
                throw new CaptureFormatException(blockOffset, "pcapng block before the section header");
            }
            long total = u32(b, p + 4, little) & 0xFFFFFFFFL;
            if (total < 12 || total % 4 != 0 || total > MAX_RECORD) {
                throw new CaptureFormatException(blockOffset, "block length " + total + " is invalid");
            }
            int len = (int) total;
            if (!in.ensure(len)) {
                throw new CaptureFormatException(blockOffset, "block truncated: " + len + " bytes announced, "
                        + in.available() + " present");
            }
            b = in.array();
            p = in.pos();
            if ((u32(b, p + len - 4, little) & 0xFFFFFFFFL) != total) {
                throw new CaptureFormatException(blockOffset, "trailing block length does not match " + total);
            }
            int body = p + 8;
            int bodyLen = len - 12;
            switch (type) {
                case 0x0A0D0D0A -> {
                    if (bodyLen < 16) {
                        throw new CaptureFormatException(blockOffset, "section header too short");
                    }
                }
                case 1 -> {
                    if (bodyLen < 8) {
                        throw new CaptureFormatException(blockOffset, "interface description too short");
                    }
                    if (interfaces >= MAX_INTERFACES) {
                        throw new CaptureFormatException(blockOffset, "more than " + MAX_INTERFACES + " interfaces");
                    }
                    if (interfaces == linkTypes.length) {
                        linkTypes = java.util.Arrays.copyOf(linkTypes, interfaces * 2);
                        unitsPerSec = java.util.Arrays.copyOf(unitsPerSec, interfaces * 2);
                        snapLens = java.util.Arrays.copyOf(snapLens, interfaces * 2);
                    }
                    linkTypes[interfaces] = u16(b, body, little);
                    snapLens[interfaces] = u32(b, body + 4, little);
                    unitsPerSec[interfaces] = tsResolution(b, body + 8, bodyLen - 8, little);
                    interfaces++;
                }
                case 6, 2 -> {
                    if (bodyLen < 20) {
                        throw new CaptureFormatException(blockOffset, "packet block too short");
                    }
                    int iface = type == 6 ? u32(b, body, little) : u16(b, body, little);
                    if (iface < 0 || iface >= interfaces) {
                        throw new CaptureFormatException(blockOffset, "packet names unknown interface " + iface);
                    }
                    long ts = ((u32(b, body + 4, little) & 0xFFFFFFFFL) << 32) | (u32(b, body + 8, little) & 0xFFFFFFFFL);
                    long cap = u32(b, body + 12, little) & 0xFFFFFFFFL;
                    long orig = u32(b, body + 16, little) & 0xFFFFFFFFL;
                    if (cap > bodyLen - 20) {
                        throw new CaptureFormatException(blockOffset, "captured length " + cap + " exceeds its block");
                    }
                    frame++;
                    handler.packet(frame, toNanos(ts, unitsPerSec[iface]), linkTypes[iface], b, body + 20, (int) cap,
                            (int) Math.min(orig, Integer.MAX_VALUE));
                }
                case 3 -> {
                    if (bodyLen < 4) {
                        throw new CaptureFormatException(blockOffset, "simple packet block too short");
                    }
                    if (interfaces == 0) {
                        throw new CaptureFormatException(blockOffset, "simple packet block without an interface");
                    }
                    long orig = u32(b, body, little) & 0xFFFFFFFFL;
                    int cap = (int) Math.min(orig, bodyLen - 4);
                    if (snapLens[0] > 0) {
                        cap = Math.min(cap, snapLens[0]);
                    }
                    frame++;
                    handler.packet(frame, Long.MIN_VALUE, linkTypes[0], b, body + 4, cap,
                            (int) Math.min(orig, Integer.MAX_VALUE));
                }
                default -> {
                    // name resolution, statistics, custom and unknown blocks carry no packets
                }
            }
            in.skip(len);
            if (frame % CHECKPOINT_EVERY == 0 && (type == 6 || type == 3 || type == 2)
                    && handler.checkpoint(in.offset())) {
                return;
            }
        }
    }

    /** Units per second of an interface from its if_tsresol option (default microseconds). */
    private static long tsResolution(byte[] b, int off, int len, boolean little) {
        int p = off;
        int end = off + len;
        while (p + 4 <= end) {
            int code = u16(b, p, little);
            int olen = u16(b, p + 2, little);
            if (code == 0 || p + 4 + olen > end) {
                break;
            }
            if (code == 9 && olen >= 1) {
                int v = b[p + 4] & 0xFF;
                int exp = v & 0x7F;
                if ((v & 0x80) != 0) {
                    return exp < 62 ? 1L << exp : 1L << 62;
                }
                long u = 1;
                for (int i = 0; i < Math.min(exp, 18); i++) {
                    u *= 10;
                }
                return u;
            }
            p += 4 + ((olen + 3) & ~3);
        }
        return 1_000_000L;
    }

    private static long toNanos(long ts, long unitsPerSec) {
        long sec = Long.divideUnsigned(ts, unitsPerSec);
        long frac = Long.remainderUnsigned(ts, unitsPerSec);
        long nanos;
        if (unitsPerSec <= 1_000_000_000L && 1_000_000_000L % unitsPerSec == 0) {
            nanos = frac * (1_000_000_000L / unitsPerSec);
        } else if (unitsPerSec <= 1_000_000_000L) {
            nanos = (long) (frac * (1e9 / unitsPerSec));
        } else {
            nanos = frac / (unitsPerSec / 1_000_000_000L);
        }
        return sec * 1_000_000_000L + nanos;
    }

    static int u32be(byte[] b, int p) {
        return (int) BE_INT.get(b, p);
    }

    private static int u32(byte[] b, int p, boolean little) {
        return little ? (int) LE_INT.get(b, p) : (int) BE_INT.get(b, p);
    }

    private static int u16(byte[] b, int p, boolean little) {
        return little ? (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 : (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }
}
