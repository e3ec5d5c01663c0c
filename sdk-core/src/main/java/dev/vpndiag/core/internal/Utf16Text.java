package dev.vpndiag.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-16 text (what PowerShell's {@code >} and Windows tools write) recognised by its byte-order mark
 * or by the zero bytes of its ASCII, and streamed as UTF-8, so that every text reader gets the bytes it
 * expects. Memory stays bounded: the text is decoded and encoded in small chunks.
 */
final class Utf16Text extends InputStream {
    /** Fewest bytes the zero-byte pattern is judged on, without a mark. */
    private static final int MIN_SNIFF = 32;

    private final Reader reader;
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final char[] chars = new char[8192];
    private ByteBuffer pending = ByteBuffer.allocate(0);
    private boolean first = true;
    private final byte[] one = new byte[1];

    private Utf16Text(InputStream in, Charset charset) {
        this.reader = new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    /** The UTF-16 byte order of a content head, or null when it is not UTF-16 text. */
    static Charset detect(byte[] head) {
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            // FF FE 00 00 is UTF-32LE's mark, not ours
            return head.length >= 4 && head[2] == 0 && head[3] == 0 ? null : StandardCharsets.UTF_16LE;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        int n = head.length & ~1;
        if (n < MIN_SNIFF) {
            return null;
        }
        int zeroEven = 0;
        int zeroOdd = 0;
        int asciiEven = 0;
        int asciiOdd = 0;
        for (int i = 0; i < n; i += 2) {
            zeroEven += head[i] == 0 ? 1 : 0;
            zeroOdd += head[i + 1] == 0 ? 1 : 0;
            asciiEven += printable(head[i]) ? 1 : 0;
            asciiOdd += printable(head[i + 1]) ? 1 : 0;
        }
        int units = n / 2;
        // ASCII in UTF-16: one byte of every unit zero, the other a printable character, nearly throughout
        if (zeroOdd * 10 >= units * 9 && asciiEven * 10 >= units * 9 && zeroEven == 0) {
            return StandardCharsets.UTF_16LE;
        }
        if (zeroEven * 10 >= units * 9 && asciiOdd * 10 >= units * 9 && zeroOdd == 0) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static boolean printable(byte b) {
        return b >= 0x20 && b < 0x7F || b == '\n' || b == '\r' || b == '\t';
    }

    /** The content as UTF-8, without the byte-order mark. */
    static InputStream toUtf8(InputStream in, Charset charset) {
        return new Utf16Text(in, charset);
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!pending.hasRemaining()) {
            int n = reader.read(chars);
            if (n < 0) {
                return -1;
            }
            int start = 0;
            if (first && n > 0) {
                first = false;
                start = chars[0] == '\uFEFF' ? 1 : 0;
            }
            // a surrogate pair split across reads is encoded as a replacement; harmless for log text
            pending = encoder.encode(CharBuffer.wrap(chars, start, n - start));
        }
        int k = Math.min(len, pending.remaining());
        pending.get(b, off, k);
        return k;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
