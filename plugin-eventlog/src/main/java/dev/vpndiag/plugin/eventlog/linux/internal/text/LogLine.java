package dev.vpndiag.plugin.eventlog.linux.internal.text;

import java.time.Instant;

/**
 * One log line after its envelope was removed. A single instance is reused for every line of a
 * file, so handlers must copy what they keep.
 */
public final class LogLine {
    /** 1-based line number in the file. */
    public long number;
    /** Time from the envelope, or null. */
    public Instant time;
    /** The program the line came from. */
    public Program program = Program.NONE;
    /** The message without envelope. */
    public String message = "";
    /** IKE SA name from structured journal fields, or null. */
    public String saName;
    /** IKE SA unique id from structured journal fields, or null. */
    public String saId;

    /** Clears the fields for the next line. */
    public void reset(long lineNumber) {
        number = lineNumber;
        time = null;
        program = Program.NONE;
        message = "";
        saName = null;
        saId = null;
    }
}
