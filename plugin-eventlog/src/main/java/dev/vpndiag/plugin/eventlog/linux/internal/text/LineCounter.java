package dev.vpndiag.plugin.eventlog.linux.internal.text;

import dev.vpndiag.api.spi.FactSink;

/** Counts skipped lines of one kind and reports them as a single problem per file. */
public final class LineCounter {
    private static final int SHOWN = 5;

    private final String what;
    private long count;
    private final long[] first = new long[SHOWN];

    /** Counts lines described by {@code what}, such as "binary lines skipped". */
    public LineCounter(String what) {
        this.what = what;
    }

    /** Counts a line. */
    public void add(long line) {
        if (count < SHOWN) {
            first[(int) count] = line;
        }
        count++;
    }

    /** How many were counted. */
    public long count() {
        return count;
    }

    /** Reports the count, if any, as one problem located at the first line. */
    public void report(FactSink sink) {
        if (count == 0) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < Math.min(count, SHOWN); i++) {
            lines.append(i == 0 ? "" : ", ").append(first[i]);
        }
        sink.problem("line " + first[0], count + " " + what + " (first at lines " + lines
                + (count > SHOWN ? ", ..." : "") + ")");
    }
}
