package dev.vpndiag.api.spi;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The first bytes of an evidence item, shown to every provider so it can say whether it reads the
 * format. Sniffing is by content; the name is a hint only.
 *
 * @param name  the evidence item's display name
 * @param bytes up to {@link #SIZE} bytes from the start of the content
 * @param size  the whole content's size, or -1 when unknown
 */
public record ContentHead(String name, byte[] bytes, long size) {
    /** How many bytes providers are shown. */
    public static final int SIZE = 64 * 1024;

    /** Validates the components. The array is shared, not copied: providers must not modify it. */
    public ContentHead {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** The head decoded as text (UTF-8, or UTF-16 when a byte order mark says so). */
    public String text() {
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** True when the head starts with the given bytes. */
    public boolean startsWith(byte... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
