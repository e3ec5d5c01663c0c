package dev.vpndiag.plugin.eventlog.windows;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Opens exported text (UTF-8, or UTF-16 as Event Viewer writes it) as a reader and reads it line by
 * line with a bound on the line length, so a file without line breaks cannot exhaust memory.
 */
final class TextInput implements AutoCloseable {
    /** Longest line kept; the rest of a longer line is dropped. */
    static final int MAX_LINE = 64 * 1024;

    private final Reader reader;
    private int lineNo;
    private boolean truncated;
    private int pending = -2;

    TextInput(InputStream in) throws IOException {
        this.reader = open(in);
    }

    /** A reader over the stream, its charset chosen from the byte order mark or the zero bytes of UTF-16. */
    static Reader open(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 4);
        byte[] head = new byte[4];
        int n = in.readNBytes(head, 0, 4);
        Charset cs = StandardCharsets.UTF_8;
        int skip = 0;
        if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            cs = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            cs = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            skip = 3;
        } else if (n >= 2 && head[0] != 0 && head[1] == 0) {
            cs = StandardCharsets.UTF_16LE;
        } else if (n >= 2 && head[0] == 0 && head[1] != 0) {
            cs = StandardCharsets.UTF_16BE;
        }
        if (n > skip) {
            in.unread(head, skip, n - skip);
        }
        return new InputStreamReader(in, cs);
    }

    /** The next line without its line break, or null at the end. */
    String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        truncated = false;
        int c = pending != -2 ? pending : reader.read();
        pending = -2;
        if (c < 0) {
            return null;
        }
        while (c >= 0 && c != '\n' && c != '\r') {
            if (sb.length() < MAX_LINE) {
                sb.append((char) c);
            } else {
                truncated = true;
            }
            c = reader.read();
        }
        if (c == '\r') {
            int next = reader.read();
            if (next != '\n') {
                pending = next;
            }
        }
        lineNo++;
        return sb.toString();
    }

    /** The number of the line last returned, from 1. */
    int lineNo() {
        return lineNo;
    }

    /** True when the line last returned was cut at {@link #MAX_LINE}. */
    boolean truncated() {
        return truncated;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
