package dev.vpndiag.plugin.eventlog.linux.internal.text;

import dev.vpndiag.api.fact.Platform;

/** Turns the lines of one program into facts; one instance per file, fed in line order. */
public interface LineHandler {
    /**
     * Handles one line of this handler's program.
     *
     * @return false when the line has this program's shape but could not be understood
     */
    boolean line(LogLine line);

    /**
     * Says, from the bytes alone, whether the message {@code b[from, to)} (ASCII, envelope removed)
     * would leave this handler unchanged and emit nothing, so that it need not be decoded. False
     * when in doubt; the line is then passed to {@link #line}.
     */
    default boolean skippable(byte[] b, int from, int to) {
        return false;
    }

    /**
     * The software whose lines this handler read, when its lines tell more than the program's name
     * (macOS's pppd writes lines Linux's does not); null to go by the program.
     */
    default Platform platform() {
        return null;
    }

    /** Called once after the last line, to emit what is still pending. */
    default void end() {
    }
}
