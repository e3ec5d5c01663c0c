package dev.vpndiag.plugin.eventlog.linux.internal.text;

import java.nio.charset.StandardCharsets;

/**
 * Tests on ASCII text held as bytes, for deciding about a line before it is decoded. Patterns are
 * made once with {@link #of(String)}.
 */
public final class AsciiBytes {
    private AsciiBytes() {
    }

    /** The bytes of an ASCII pattern. */
    public static byte[] of(String ascii) {
        return ascii.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** True when {@code b[from, to)} starts with {@code prefix}. */
    public static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** First index of {@code needle} in {@code b[from, to)}, or -1. */
    public static int indexOf(byte[] b, int from, int to, byte[] needle) {
        int last = to - needle.length;
        byte first = needle[0];
        outer:
        for (int i = from; i <= last; i++) {
            if (b[i] != first) {
                continue;
            }
            for (int k = 1; k < needle.length; k++) {
                if (b[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
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
