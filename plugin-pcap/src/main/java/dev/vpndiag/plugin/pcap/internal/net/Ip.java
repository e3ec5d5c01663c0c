package dev.vpndiag.plugin.pcap.internal.net;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** IP address packing and text forms (IPv6 as RFC 5952 recommends, as Wireshark prints it). */
public final class Ip {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private Ip() {
    }

    /** Reads 8 bytes big-endian. */
    public static long u64(byte[] b, int p) {
        return (long) LONG.get(b, p);
    }

    /** Reads 4 bytes big-endian, unsigned. */
    public static long u32(byte[] b, int p) {
        return (int) INT.get(b, p) & 0xFFFFFFFFL;
    }

    /** Reads 2 bytes big-endian. */
    public static int u16(byte[] b, int p) {
        return (short) SHORT.get(b, p) & 0xFFFF;
    }

    /** The text form of an address. */
    public static String format(boolean v6, long hi, long lo) {
        if (!v6) {
            return ((lo >> 24) & 0xFF) + "." + ((lo >> 16) & 0xFF) + "." + ((lo >> 8) & 0xFF) + "." + (lo & 0xFF);
        }
        int[] g = new int[8];
        for (int i = 0; i < 4; i++) {
            g[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
            g[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
            return "::ffff:" + format(false, 0, lo & 0xFFFFFFFFL);
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /** The address in network byte order. */
    public static byte[] bytes(boolean v6, long hi, long lo) {
        if (!v6) {
            return new byte[] {(byte) (lo >> 24), (byte) (lo >> 16), (byte) (lo >> 8), (byte) lo};
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (hi >>> (56 - 8 * i));
            out[i + 8] = (byte) (lo >>> (56 - 8 * i));
        }
        return out;
    }
}
