package dev.vpndiag.core.internal;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.HostClock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How far each side's clock is ahead of true time, so that times recorded on different hosts can be
 * compared: the offsets the bundle states (its manifest), else the side's {@link HostClock} reading,
 * else none. Rules use it (as the global {@code clocks}) to ask whether one side's capture ran while
 * the other side sent.
 */
public final class Clocks {
    /** Recorded times are rounded to the second by many logs, and captures start a little late. */
    private static final Duration SLACK = Duration.ofSeconds(5);

    private final Map<Side, Duration> offsets;

    private Clocks(Map<Side, Duration> offsets) {
        this.offsets = offsets;
    }

    /** Clocks from the stated offsets, completed by the HostClock facts of sides without one. */
    public static Clocks of(List<? extends Fact> facts, Map<Side, Duration> stated) {
        Map<Side, Duration> out = new EnumMap<>(Side.class);
        out.putAll(stated);
        for (Fact f : facts) {
            if (f instanceof HostClock c && c.hostTime() != null && c.referenceTime() != null) {
                out.putIfAbsent(c.side(), c.offset());
            }
        }
        return new Clocks(out);
    }

    /** No offsets known: every clock taken as right. */
    public static Clocks none() {
        return new Clocks(Map.of());
    }

    /** The true time of a time recorded on the given side; null stays null. */
    public Instant trueTime(Instant recorded, Side side) {
        if (recorded == null) {
            return null;
        }
        Duration offset = offsets.get(side);
        return offset == null ? recorded : recorded.minus(offset);
    }

    /**
     * Whether two spans recorded on (possibly) different sides overlap in true time, with a few
     * seconds' slack. A span with no times at all is taken to overlap (nothing says it does not); a
     * missing end is the start.
     */
    public boolean overlaps(Instant aStart, Instant aEnd, Side aSide, Instant bStart, Instant bEnd, Side bSide) {
        Instant a0 = trueTime(aStart != null ? aStart : aEnd, aSide);
        Instant a1 = trueTime(aEnd != null ? aEnd : aStart, aSide);
        Instant b0 = trueTime(bStart != null ? bStart : bEnd, bSide);
        Instant b1 = trueTime(bEnd != null ? bEnd : bStart, bSide);
        if (a0 == null || b0 == null) {
            return true;
        }
        return !a1.plus(SLACK).isBefore(b0) && !b1.plus(SLACK).isBefore(a0);
    }
}
