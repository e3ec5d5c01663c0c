package dev.vpndiag.plugin.pcap.internal.capture;

/**
 * The frames a conversation was seen in, for locators: keeps the first few frame numbers and a
 * count, and prints them compactly ({@code frames 1-4,7 (+12 more)}).
 */
public final class FrameList {
    /** Frame numbers kept. */
    static final int KEPT = 16;

    private final long[] frames = new long[KEPT];
    private int kept;
    private long count;

    /** Adds a frame (frames arrive in ascending order; repeats are ignored). */
    public void add(long frame) {
        if (kept > 0 && frames[kept - 1] == frame) {
            return;
        }
        count++;
        if (kept < KEPT) {
            frames[kept++] = frame;
        }
    }

    /** Frames added. */
    public long count() {
        return count;
    }

    /** The first frame, or 0 when empty. */
    public long first() {
        return kept == 0 ? 0 : frames[0];
    }

    /** The locator text, such as {@code frame 3} or {@code frames 1-4,7 (+12 more)}. */
    public String locator() {
        if (count == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder(count == 1 ? "frame " : "frames ");
        int i = 0;
        while (i < kept) {
            int j = i;
            while (j + 1 < kept && frames[j + 1] == frames[j] + 1) {
                j++;
            }
            if (i > 0) {
                sb.append(',');
            }
            sb.append(frames[i]);
            if (j > i) {
                sb.append('-').append(frames[j]);
            }
            i = j + 1;
        }
        if (count > kept) {
            sb.append(" (+").append(count - kept).append(" more)");
        }
        return sb.toString();
    }
}
