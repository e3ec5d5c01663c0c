package dev.vpndiag.plugin.eventlog.linux.internal.text;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into text lines without retaining them. Lines holding control bytes are
 * reported as binary and lines longer than {@link #MAX_LINE} bytes as oversized; neither is
 * returned as text. Memory is bounded by the buffer size.
 */
public final class LineSource {
    /** Longest line returned as text, in bytes. */
    public static final int MAX_LINE = 16 * 1024;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;
    private static final long SPACES = 0x2020202020202020L;

    /** Windows-1252 where the runtime has it (it always does in practice), else ISO-8859-1. */
    private static final java.nio.charset.Charset SINGLE_BYTE = java.nio.charset.Charset.isSupported("windows-1252")
            ? java.nio.charset.Charset.forName("windows-1252") : StandardCharsets.ISO_8859_1;

    private final InputStream in;
    private final byte[] buf = new byte[256 * 1024];
    private int pos;
    private int limit;
    private boolean eof;
    private long consumed;
    private long lineNumber;
    private Kind kind;
    private int lineStart;
    private int lineEnd;
    private boolean high;

    /** What the last call to {@link #advance()} found. */
    public enum Kind { TEXT, BINARY, OVERSIZED }

    /** Reads from the given stream, which the caller closes. */
    public LineSource(InputStream in) {
        this.in = in;
    }

    /** The 1-based number of the line last returned or skipped. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Bytes consumed so far. */
    public long consumed() {
        return consumed;
    }

    /** The kind of the line last read. */
    public Kind kind() {
        return kind;
    }

    /**
     * Finds the next line without decoding it. Afterwards {@link #kind()} tells whether it is
     * text; for text, its bytes are {@code buffer()[lineStart(), lineEnd())} until the next call,
     * and {@link #text()} decodes them. Call only when {@link #atEnd()} is false.
     */
    public void advance() throws IOException {
        lineNumber++;
        boolean control = false;
        boolean highBytes = false;
        int start = pos;
        while (true) {
            for (int i = start; i < limit; i++) {
                // eight plain printable ASCII bytes at a time; anything else is looked at singly
                while (i + 8 <= limit && plain((long) LONGS.get(buf, i))) {
                    i += 8;
                }
                if (i >= limit) {
                    break;
                }
                byte b = buf[i];
                if (b < 0x20) {
                    if (b == '\n') {
                        finish(pos, i, i + 1, control, highBytes);
                        return;
                    }
                    if (b < 0) {
                        highBytes = true;
                    } else if (b != '\t' && b != '\r' && b != 0x1b) {
                        control = true;
                    }
                } else if (b == 0x7f) {
                    control = true;
                }
            }
            int scanned = limit - pos;
            if (eof) {
                if (scanned == 0) {
                    lineNumber--;
                    lineStart = pos;
                    lineEnd = pos;
                    high = false;
                    kind = Kind.TEXT;
                    return;
                }
                finish(pos, limit, limit, control, highBytes);
                return;
            }
            if (scanned >= MAX_LINE) {
                skipRestOfLine();
                kind = Kind.OVERSIZED;
                return;
            }
            start = fill();
        }
    }

    /** The buffer holding the current line. */
    public byte[] buffer() {
        return buf;
    }

    /** Offset of the current line in {@link #buffer()}. */
    public int lineStart() {
        return lineStart;
    }

    /** End (exclusive, before any {@code \r\n}) of the current line in {@link #buffer()}. */
    public int lineEnd() {
        return lineEnd;
    }

    /** True when the current line holds bytes above 0x7f, so that its bytes are not its characters. */
    public boolean high() {
        return high;
    }

    /**
     * Decodes the current text line: ISO-8859-1 when it is ASCII, UTF-8 when it is valid UTF-8, else
     * the single-byte Windows code page 1252 (a log written on a host with a Latin-1 or Windows locale:
     * its ASCII, which is what the readers match, stays intact whatever the page really was).
     */
    public String text() {
        if (!high) {
            return new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1);
        }
        String s = new String(buf, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
        if (s.indexOf('\uFFFD') >= 0) {
            return new String(buf, lineStart, lineEnd - lineStart, SINGLE_BYTE);
        }
        return s;
    }

    /**
     * True when none of the eight bytes is a control byte (below 0x20), DEL or above 0x7f: no
     * high bit set in the bytes, in the bytes plus one (DEL) or in the bytes minus 0x20 (control;
     * a borrow may flag a later byte too, which only sends the word to the byte-wise check).
     */
    private static boolean plain(long x) {
        return ((x | (x + ONES) | (x - SPACES)) & HIGH_BITS) == 0;
    }

    /** True when no further line exists. */
    public boolean atEnd() throws IOException {
        if (pos < limit) {
            return false;
        }
        if (eof) {
            return true;
        }
        fill();
        return pos >= limit;
    }

    private void finish(int from, int end, int next, boolean control, boolean highBytes) {
        int e = end;
        if (e > from && buf[e - 1] == '\r') {
            e--;
        }
        consumed += next - from;
        pos = next;
        lineStart = from;
        lineEnd = e;
        high = highBytes;
        if (e - from > MAX_LINE) {
            kind = Kind.OVERSIZED;
        } else if (control) {
            kind = Kind.BINARY;
        } else {
            kind = Kind.TEXT;
        }
    }

    /** Moves unread bytes to the front, reads more; returns the index where scanning resumes. */
    private int fill() throws IOException {
        int keep = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, keep);
            pos = 0;
            limit = keep;
        }
        while (limit < buf.length) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                break;
            }
            if (n == 0) {
                break;
            }
            limit += n;
            if (limit - keep >= 64 * 1024) {
                break;
            }
        }
        return keep;
    }

    private void skipRestOfLine() throws IOException {
        while (true) {
            for (int i = pos; i < limit; i++) {
                if (buf[i] == '\n') {
                    consumed += i + 1 - pos;
                    pos = i + 1;
                    return;
                }
            }
            consumed += limit - pos;
            pos = limit;
            if (eof) {
                return;
            }
            fill();
            if (pos >= limit && eof) {
                return;
            }
        }
    }
}
