package dev.vpndiag.plugin.eventlog.windows.internal.evtx;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Renders Binary XML substitution values as text, the way Windows and libevtx print them. */
final class ValueFormat {
    static final int NULL = 0x00;
    static final int STRING = 0x01;
    static final int ANSI = 0x02;
    static final int FILETIME = 0x11;
    static final int SYSTEMTIME = 0x12;
    static final int BINXML = 0x21;
    static final int ARRAY = 0x80;
    private static final long FILETIME_EPOCH_DIFF = 116_444_736_000_000_000L;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ValueFormat() {
    }

    /** Renders one value; unknown types are shown as hex. */
    static String render(byte[] b, int off, int size, int type) {
        if ((type & ARRAY) != 0) {
            return renderArray(b, off, size, type & 0x7F);
        }
        switch (type) {
            case NULL:
                return "";
            case STRING:
                return trimNul(new String(b, off, size & ~1, StandardCharsets.UTF_16LE));
            case ANSI:
                return trimNul(new String(b, off, size, StandardCharsets.ISO_8859_1));
            case 0x03:
                return size >= 1 ? Integer.toString(b[off]) : "";
            case 0x04:
                return size >= 1 ? Integer.toString(b[off] & 0xFF) : "";
            case 0x05:
                return size >= 2 ? Integer.toString((short) le(b, off, 2)) : "";
            case 0x06:
                return size >= 2 ? Long.toString(le(b, off, 2)) : "";
            case 0x07:
                return size >= 4 ? Integer.toString((int) le(b, off, 4)) : "";
            case 0x08:
                return size >= 4 ? Long.toString(le(b, off, 4)) : "";
            case 0x09:
                return size >= 8 ? Long.toString(le(b, off, 8)) : "";
            case 0x0a:
                return size >= 8 ? Long.toUnsignedString(le(b, off, 8)) : "";
            case 0x0b:
                return size >= 4 ? Float.toString(Float.intBitsToFloat((int) le(b, off, 4))) : "";
            case 0x0c:
                return size >= 8 ? Double.toString(Double.longBitsToDouble(le(b, off, 8))) : "";
            case 0x0d:
                return size >= 1 ? (le(b, off, Math.min(size, 4)) != 0 ? "true" : "false") : "";
            case 0x0e:
                return hex(b, off, size);
            case 0x0f:
                return size >= 16 ? guid(b, off) : hex(b, off, size);
            case 0x10:
                return size == 8 ? String.format("0x%016x", le(b, off, 8))
                        : size >= 4 ? String.format("0x%08x", le(b, off, 4)) : "";
            case FILETIME:
                return size >= 8 ? isoTime(le(b, off, 8)) : "";
            case SYSTEMTIME:
                return size >= 16 ? systemTime(b, off) : "";
            case 0x13:
                return sid(b, off, size);
            case 0x14:
                return size >= 4 ? String.format("0x%08x", le(b, off, 4)) : "";
            case 0x15:
                return size >= 8 ? String.format("0x%016x", le(b, off, 8)) : "";
            default:
                return hex(b, off, size);
        }
    }

    /** The items of an array value; an element holding an array repeats once per item. */
    static java.util.List<String> renderItems(byte[] b, int off, int size, int type) {
        java.util.List<String> items = new java.util.ArrayList<>();
        if (type == STRING || type == ANSI) {
            String all = type == STRING ? new String(b, off, size & ~1, StandardCharsets.UTF_16LE)
                    : new String(b, off, size, StandardCharsets.ISO_8859_1);
            int start = 0;
            for (int i = 0; i < all.length(); i++) {
                if (all.charAt(i) == '\0') {
                    items.add(all.substring(start, i));
                    start = i + 1;
                }
            }
            if (start < all.length()) {
                items.add(all.substring(start));
            }
            return items;
        }
        int width = width(type);
        if (width == 0) {
            items.add(hex(b, off, size));
            return items;
        }
        for (int i = 0; i + width <= size; i += width) {
            items.add(render(b, off + i, width, type));
        }
        return items;
    }

    private static String renderArray(byte[] b, int off, int size, int type) {
        return String.join(",", renderItems(b, off, size, type));
    }

    private static int width(int type) {
        return switch (type) {
            case 0x03, 0x04 -> 1;
            case 0x05, 0x06 -> 2;
            case 0x07, 0x08, 0x0b, 0x0d, 0x14 -> 4;
            case 0x09, 0x0a, 0x0c, 0x11, 0x15 -> 8;
            case 0x0f, 0x12 -> 16;
            default -> 0;
        };
    }

    /** The instant of a FILETIME value. */
    static Instant fileTime(long ft) {
        long t = ft - FILETIME_EPOCH_DIFF;
        return Instant.ofEpochSecond(Math.floorDiv(t, 10_000_000L), Math.floorMod(t, 10_000_000L) * 100);
    }

    static String isoTime(long ft) {
        Instant i = fileTime(ft);
        LocalDateTime d = LocalDateTime.ofEpochSecond(i.getEpochSecond(), 0, ZoneOffset.UTC);
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%09dZ", d.getYear(), d.getMonthValue(),
                d.getDayOfMonth(), d.getHour(), d.getMinute(), d.getSecond(), i.getNano());
    }

    private static String systemTime(byte[] b, int off) {
        return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%03d000000Z", le(b, off, 2), le(b, off + 2, 2),
                le(b, off + 6, 2), le(b, off + 8, 2), le(b, off + 10, 2), le(b, off + 12, 2), le(b, off + 14, 2));
    }

    static long le(byte[] b, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }

    static String hex(byte[] b, int off, int size) {
        char[] c = new char[size * 2];
        for (int i = 0; i < size; i++) {
            int v = b[off + i] & 0xFF;
            c[2 * i] = HEX[v >>> 4];
            c[2 * i + 1] = HEX[v & 0xF];
        }
        return new String(c);
    }

    private static String guid(byte[] b, int off) {
        return String.format("{%08X-%04X-%04X-%s-%s}", le(b, off, 4), le(b, off + 4, 2), le(b, off + 6, 2),
                hex(b, off + 8, 2), hex(b, off + 10, 6));
    }

    private static String sid(byte[] b, int off, int size) {
        if (size < 8) {
            return hex(b, off, size);
        }
        int rev = b[off] & 0xFF;
        int n = b[off + 1] & 0xFF;
        if (8 + 4 * n > size) {
            return hex(b, off, size);
        }
        long auth = 0;
        for (int i = 2; i < 8; i++) {
            auth = auth << 8 | (b[off + i] & 0xFF);
        }
        StringBuilder sb = new StringBuilder("S-").append(rev).append('-').append(auth);
        for (int i = 0; i < n; i++) {
            sb.append('-').append(le(b, off + 8 + 4 * i, 4));
        }
        return sb.toString();
    }

    private static String trimNul(String s) {
        int e = s.length();
        while (e > 0 && s.charAt(e - 1) == '\0') {
            e--;
        }
        return e == s.length() ? s : s.substring(0, e);
    }
}
