package dev.vpndiag.plugin.pcap.internal.capture;

import java.io.IOException;

/** Damaged capture content at a byte offset. */
public final class CaptureFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    /**
     * @param offset  byte offset of the damaged record
     * @param message what is wrong
     */
    public CaptureFormatException(long offset, String message) {
        super(message);
        this.offset = offset;
    }

    /** Byte offset of the damage. */
    public long offset() {
        return offset;
    }
}
