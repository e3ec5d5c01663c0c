package dev.vpndiag.plugin.eventlog.linux.internal.text;

/** Turns the lines of one program into facts; one instance per file, fed in line order. */
public interface LineHandler {
    /**
     * Handles one line of this handler's program.
     *
     * @return false when the line has this program's shape but could not be understood
     */
    boolean line(LogLine line);

    /** Called once after the last line, to emit what is still pending. */
    default void end() {
    }
}
