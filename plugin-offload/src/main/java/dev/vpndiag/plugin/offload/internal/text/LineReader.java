package dev.vpndiag.plugin.offload.internal.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits command output into lines with bounded memory. UTF-16 (with a byte order mark, or
 * little-endian without one, as PowerShell and regedit write it) is decoded as such; 8-bit text is
 * read as UTF-8 and, line by line, as Windows-1252 where it is not valid UTF-8 (ANSI exports and
 * console code pages).
 */
public final class LineReader {
    /** The longest line kept; the rest of a longer line is dropped. */
    public static final int MAX_LINE = 16 * 1024;

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private long offset;
    private long lineNumber;
    private final boolean utf16;
    private final boolean bigEndian;
    private byte[] lineBytes = new byte[256];
    private int lineLength;
    private final char[] chars = new char[MAX_LINE];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private boolean lastCut;
    private boolean lastBinary;
    private long lastOffset;

    /** Opens a reader over the stream, which it reads but does not close. */
    public LineReader(InputStream in) throws IOException {
        this.in = in;
        fill();
        int bom = 0;
        boolean sixteen = false;
        boolean be = false;
        if (available() >= 2 && u(0) == 0xFF && u(1) == 0xFE) {
            bom = 2;
            sixteen = true;
        } else if (available() >= 2 && u(0) == 0xFE && u(1) == 0xFF) {
            bom = 2;
            sixteen = true;
            be = true;
        } else if (available() >= 3 && u(0) == 0xEF && u(1) == 0xBB && u(2) == 0xBF) {
            bom = 3;
        } else if (available() >= 4 && u(0) != 0 && u(1) == 0 && u(2) != 0 && u(3) == 0) {
            sixteen = true;
        }
        pos += bom;
        offset = bom;
        utf16 = sixteen;
        bigEndian = be;
    }

    private int u(int i) {
        return buffer[pos + i] & 0xFF;
    }

    private int available() {
        return limit - pos;
    }

    private boolean fill() throws IOException {
        if (pos < limit) {
            return true;
        }
        int n = in.read(buffer, 0, buffer.length);
        pos = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    /** Bytes consumed so far. */
    public long offset() {
        return offset;
    }

    /** True when the last line returned was longer than {@link #MAX_LINE} and was cut. */
    public boolean lastCut() {
        return lastCut;
    }

    /** True when the last line returned held NUL or other control bytes of binary data. */
    public boolean lastBinary() {
        return lastBinary;
    }

    /** Byte offset where the last line returned started. */
    public long lastOffset() {
        return lastOffset;
    }

    /** The next line, or null at the end. */
    public Line next() throws IOException {
        lastOffset = offset;
        return utf16 ? nextUtf16() : next8bit();
    }

    private Line next8bit() throws IOException {
        lineLength = 0;
        boolean any = false;
        boolean cut = false;
        boolean ascii = true;
        boolean binary = false;
        while (fill()) {
            any = true;
            int start = pos;
            int end = limit;
            int i = start;
            boolean eol = false;
            for (; i < end; i++) {
                byte b = buffer[i];
                if (b == '\n') {
                    eol = true;
                    break;
                }
                if (b < 0) {
                    ascii = false;
                } else if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B)) {
                    binary = true;
                }
            }
            int n = i - start;
            int room = MAX_LINE * 4 - lineLength;
            if (n > room) {
                cut = true;
            }
            append(start, Math.min(n, Math.max(room, 0)));
            pos = eol ? i + 1 : i;
            offset += (eol ? n + 1 : n);
            if (eol) {
                break;
            }
        }
        if (!any) {
            return null;
        }
        int len = lineLength;
        if (len > 0 && lineBytes[len - 1] == '\r') {
            len--;
        }
        String text;
        if (ascii) {
            text = new String(lineBytes, 0, len, StandardCharsets.ISO_8859_1);
        } else {
            try {
                text = utf8.decode(ByteBuffer.wrap(lineBytes, 0, len)).toString();
            } catch (CharacterCodingException e) {
                text = new String(lineBytes, 0, len, WINDOWS_1252);
            }
        }
        if (text.length() > MAX_LINE) {
            text = text.substring(0, MAX_LINE);
            cut = true;
        }
        lastCut = cut;
        lastBinary = binary;
        return new Line(++lineNumber, text);
    }

    private void append(int start, int n) {
        if (n <= 0) {
            return;
        }
        if (lineLength + n > lineBytes.length) {
            lineBytes = Arrays.copyOf(lineBytes, Math.max(lineLength + n, lineBytes.length * 2));
        }
        System.arraycopy(buffer, start, lineBytes, lineLength, n);
        lineLength += n;
    }

    private Line nextUtf16() throws IOException {
        int len = 0;
        boolean any = false;
        boolean cut = false;
        boolean binary = false;
        while (true) {
            int lo = readByte();
            if (lo < 0) {
                break;
            }
            int hi = readByte();
            any = true;
            if (hi < 0) {
                binary = true;
                break;
            }
            char c = bigEndian ? (char) ((lo << 8) | hi) : (char) ((hi << 8) | lo);
            if (c == '\n') {
                break;
            }
            if (c == 0 || (c < 0x09)) {
                binary = true;
            }
            if (len < MAX_LINE) {
                chars[len++] = c;
            } else {
                cut = true;
            }
        }
        if (!any) {
            return null;
        }
        if (len > 0 && chars[len - 1] == '\r') {
            len--;
        }
        lastCut = cut;
        lastBinary = binary;
        return new Line(++lineNumber, CharBuffer.wrap(chars, 0, len).toString());
    }

    private int readByte() throws IOException {
        if (!fill()) {
            return -1;
        }
        offset++;
        return buffer[pos++] & 0xFF;
    }
}
