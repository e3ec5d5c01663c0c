package dev.vpndiag.plugin.pcap.internal.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * A sliding window over a byte source: records are read in place from one reusable array, which
 * grows on demand up to a hard cap, so memory stays bounded whatever the input size.
 */
public final class ByteWindow {
    private static final int INITIAL = 1 << 20;
    /** Window for large files: fewer, larger reads. */
    private static final int LARGE = 8 << 20;

    private final InputStream in;
    private final ReadableByteChannel channel;
    private final int maxSize;
    private byte[] buf;
    private int start;
    private int end;
    private long consumedBefore;
    private boolean eof;

    private ByteWindow(InputStream in, ReadableByteChannel channel, int maxSize, int initial) {
        this.in = in;
        this.channel = channel;
        this.maxSize = maxSize;
        this.buf = new byte[Math.min(maxSize, initial)];
    }

    /** A window over a stream. */
    public static ByteWindow of(InputStream in, int maxSize) {
        return new ByteWindow(in, null, maxSize, INITIAL);
    }

    /** A window over a channel (a file). */
    public static ByteWindow of(ReadableByteChannel channel, int maxSize) {
        int initial = INITIAL;
        if (channel instanceof FileChannel file) {
            try {
                initial = file.size() > LARGE ? LARGE : INITIAL;
            } catch (IOException e) {
                // the size is only a hint
            }
        }
        return new ByteWindow(null, channel, maxSize, initial);
    }

    /** The backing array; valid from {@link #pos()} for the bytes last ensured. */
    public byte[] array() {
        return buf;
    }

    /** Array index of the current position. */
    public int pos() {
        return start;
    }

    /** Offset of the current position from the start of the content. */
    public long offset() {
        return consumedBefore + start;
    }

    /** Bytes available in the window without reading. */
    public int available() {
        return end - start;
    }

    /**
     * Makes {@code n} bytes available from the current position.
     *
     * @return false when the content ends first (the available bytes stay readable)
     * @throws IllegalArgumentException when {@code n} exceeds the window's cap
     */
    public boolean ensure(int n) throws IOException {
        if (end - start >= n) {
            return true;
        }
        if (n > maxSize || n < 0) {
            throw new IllegalArgumentException("record of " + n + " bytes exceeds the " + maxSize + " byte cap");
        }
        if (start + n > buf.length) {
            if (n > buf.length) {
                byte[] bigger = new byte[Math.min(maxSize, Math.max(n, buf.length * 2))];
                System.arraycopy(buf, start, bigger, 0, end - start);
                buf = bigger;
            } else {
                System.arraycopy(buf, start, buf, 0, end - start);
            }
            consumedBefore += start;
            end -= start;
            start = 0;
        }
        while (end - start < n && !eof) {
            int r = read(buf, end, buf.length - end);
            if (r < 0) {
                eof = true;
            } else {
                end += r;
            }
        }
        return end - start >= n;
    }

    private int read(byte[] b, int off, int len) throws IOException {
        if (in != null) {
            return in.read(b, off, len);
        }
        int r;
        do {
            r = channel.read(ByteBuffer.wrap(b, off, len));
        } while (r == 0);
        return r;
    }

    /** Advances the position by {@code n} bytes, which must be available. */
    public void skip(int n) {
        start += n;
    }

    /** Skips {@code n} bytes, reading through content not yet in the window. */
    public boolean skipLong(long n) throws IOException {
        while (n > 0) {
            int chunk = (int) Math.min(n, buf.length);
            if (!ensure(chunk)) {
                start = end;
                return false;
            }
            start += chunk;
            n -= chunk;
        }
        return true;
    }

    /** True when no byte is left. */
    public boolean atEnd() throws IOException {
        return !ensure(1);
    }
}
