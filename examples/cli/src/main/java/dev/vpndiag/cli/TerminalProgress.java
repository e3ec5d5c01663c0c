package dev.vpndiag.cli;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.ProgressListener;
import java.io.PrintWriter;

/**
 * What the command line shows while it reads: one line on standard error, rewritten in place, naming
 * the file being read and how far along it is; only on a terminal (a pipe or a file gets nothing) and
 * not with {@code --quiet}. Also ends the run once its time limit has passed.
 */
final class TerminalProgress implements ProgressListener {
    /** Rewrites at most this often, so that a fast reader is not slowed by its own progress line. */
    private static final long REDRAW_NANOS = 150_000_000L;

    private final PrintWriter err;
    private final boolean show;
    private final int files;
    private final long deadline;
    private int started;
    private long lastDraw;
    private int drawn;
    private String current = "";

    /**
     * @param show     whether to draw (a terminal, not quiet)
     * @param files    how many evidence items the run reads
     * @param limitNanos the run's time limit, or 0 for none
     */
    TerminalProgress(PrintWriter err, boolean show, int files, long limitNanos) {
        this.err = err;
        this.show = show;
        this.files = files;
        this.deadline = limitNanos > 0 ? System.nanoTime() + limitNanos : 0;
    }

    /** The name of the evidence item being read when the run ended, or empty. */
    String current() {
        return current;
    }

    @Override
    public void evidenceStarted(Evidence evidence) {
        started++;
        current = evidence.name();
        draw("reading " + started + "/" + files + ": " + current, true);
    }

    @Override
    public void bytesRead(Evidence evidence, long done, long total) {
        if (total > 0) {
            draw("reading " + started + "/" + files + ": " + current + " " + (100 * done / total) + " %", false);
        }
    }

    @Override
    public void evidenceFinished(Evidence evidence, int facts) {
        if (started == files) {
            draw("diagnosing", true);
        }
    }

    @Override
    public boolean isCancelled() {
        return deadline != 0 && System.nanoTime() - deadline > 0;
    }

    /** Clears the progress line before the report is printed. */
    void clear() {
        if (show && drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            err.flush();
            drawn = 0;
        }
    }

    private void draw(String text, boolean always) {
        if (!show) {
            return;
        }
        long now = System.nanoTime();
        if (!always && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        String line = text.length() > 78 ? text.substring(0, 75) + "..." : text;
        err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        err.flush();
        drawn = line.length();
    }
}
