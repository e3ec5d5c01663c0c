package dev.vpndiag.api.spi;

import java.io.IOException;

/**
 * Evidence content that a provider cannot read further: truncated, corrupt, or a lying length.
 * Facts emitted before the damage are kept; the diagnosis reports a problem naming the source and
 * the place.
 */
public class EvidenceFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String locator;

    /**
     * @param source  the evidence item's name
     * @param locator where the damage is, such as {@code byte 4096} or {@code chunk 3, record 17}
     * @param message what is wrong
     */
    public EvidenceFormatException(String source, String locator, String message) {
        super(source + " at " + locator + ": " + message);
        this.source = source;
        this.locator = locator;
    }

    /** As {@link #EvidenceFormatException(String, String, String)} with the underlying cause. */
    public EvidenceFormatException(String source, String locator, String message, Throwable cause) {
        super(source + " at " + locator + ": " + message, cause);
        this.source = source;
        this.locator = locator;
    }

    /** A locator for a byte offset. */
    public static String atByte(long offset) {
        return "byte " + offset;
    }

    /** The evidence item's name. */
    public String source() {
        return source;
    }

    /** Where the damage is. */
    public String locator() {
        return locator;
    }

    /** The message without the source and locator prefix. */
    public String reason() {
        String full = getMessage();
        String prefix = source + " at " + locator + ": ";
        return full.startsWith(prefix) ? full.substring(prefix.length()) : full;
    }
}
