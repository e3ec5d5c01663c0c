package dev.vpndiag.plugin.eventlog.linux.internal.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Tests on ASCII text held as bytes, for deciding about a line before it is decoded. Patterns are
 * made once with {@link #of(String)}.
 */
public final class AsciiBytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private AsciiBytes() {
    }

    /** The bytes of an ASCII pattern. */
    public static byte[] of(String ascii) {
        return ascii.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** True when {@code b[from, to)} starts with {@code prefix}. */
    public static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        return to - from >= prefix.length && regionEquals(b, from, prefix, 0, prefix.length);
    }

    /** True when {@code a[aFrom, aFrom + len)} equals {@code b[bFrom, bFrom + len)}; both ranges must exist. */
    public static boolean regionEquals(byte[] a, int aFrom, byte[] b, int bFrom, int len) {
        int i = 0;
        for (; i + 8 <= len; i += 8) {
            if ((long) LONGS.get(a, aFrom + i) != (long) LONGS.get(b, bFrom + i)) {
                return false;
            }
        }
        for (; i < len; i++) {
            if (a[aFrom + i] != b[bFrom + i]) {
                return false;
            }
        }
        return true;
    }

    /** First index of {@code needle} (at least two bytes) in {@code b[from, to)}, or -1. */
    public static int indexOf(byte[] b, int from, int to, byte[] needle) {
        int n = needle.length;
        byte first = needle[0];
        byte lastByte = needle[n - 1];
        for (int i = from, last = to - n; i <= last; i++) {
            if (b[i] == first && b[i + n - 1] == lastByte && regionEquals(b, i + 1, needle, 1, n - 2)) {
                return i;
            }
        }
        return -1;
    }

    /** First index of {@code c} in {@code b[from, to)}, or -1. */
    public static int indexOf(byte[] b, int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
