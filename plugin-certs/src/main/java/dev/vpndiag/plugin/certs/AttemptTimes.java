package dev.vpndiag.plugin.certs;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.HostClock;
import dev.vpndiag.api.fact.IkeSaEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * When the attempts in the evidence happened: the IKE records cut into windows where the evidence
 * falls silent, each dated in true time where the recording host's clock offset is known.
 *
 * <p>When both ends logged IKE, neither clock is known and their first records lie further apart
 * than one negotiation lasts, the clocks disagree by that much; one end's records are then shifted by
 * the difference before cutting, so that both ends' records of one attempt stay in one window.
 */
final class AttemptTimes {
    /**
     * Silence after which the evidence shows another attempt: longer than an IKE daemon's whole
     * retransmission schedule, as the engine's attempt grouping uses.
     */
    static final Duration GAP = Duration.ofMinutes(10);

    private AttemptTimes() {
    }

    /**
     * One attempt's time.
     *
     * @param start the earliest IKE record, in true time where its host's offset is known
     * @param corrected whether start was corrected by a known clock offset
     * @param fromEvidence false when no IKE record dates the attempt (start is then the time of the diagnosis)
     * @param logs each side's earliest IKE log record, by that side's clock
     * @param records each side's earliest IKE record of any kind (log or capture), by that side's clock
     */
    record Window(Instant start, boolean corrected, boolean fromEvidence, Map<Side, Instant> logs,
                  Map<Side, Instant> records) {
        /** A window with no IKE evidence, dated at the given time. */
        static Window at(Instant now) {
            return new Window(now, false, false, Map.of(), Map.of());
        }

        /** The side's earliest IKE log record in this window, or null. */
        Instant logged(Side side) {
            return logs.get(side);
        }

        /** Whether only the given side logged IKE in this window. */
        boolean onlyLoggedBy(Side side) {
            return logs.keySet().stream().allMatch(s -> s == side);
        }

        /** The window as the given side's clock recorded it: its earliest record there, else the start. */
        Instant recordedBy(Side side) {
            return records.getOrDefault(side, start);
        }
    }

    private record Timed(Fact fact, Instant aligned, boolean corrected) {
    }

    /** The windows of the IKE records (all timed), oldest first; empty when there are none. */
    static List<Window> of(List<Fact> records, Map<Side, HostClock> clocks) {
        // The IKE daemons' own records carry the clocks they validated by; a capture may run on another host
        // or clock, so captures date attempts only when no daemon logged any.
        List<Fact> logged = records.stream().filter(IkeSaEvent.class::isInstance).toList();
        List<Fact> ike = logged.isEmpty() ? records : logged;
        Map<Side, Instant> firstLog = new EnumMap<>(Side.class);
        for (Fact f : ike) {
            if (f instanceof IkeSaEvent) {
                firstLog.merge(f.side(), f.time(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        Map<Side, Duration> shift = shifts(firstLog, clocks);
        List<Timed> timed = new ArrayList<>(ike.size());
        for (Fact f : ike) {
            HostClock hc = clocks.get(f.side());
            if (hc != null) {
                timed.add(new Timed(f, f.time().minus(hc.offset()), true));
            } else {
                timed.add(new Timed(f, f.time().minus(shift.getOrDefault(f.side(), Duration.ZERO)), false));
            }
        }
        timed.sort(Comparator.comparing(Timed::aligned));
        List<Window> out = new ArrayList<>();
        List<Timed> current = new ArrayList<>();
        for (Timed t : timed) {
            if (!current.isEmpty() && Duration.between(current.get(current.size() - 1).aligned(), t.aligned()).compareTo(GAP) > 0) {
                out.add(window(current));
                current = new ArrayList<>();
            }
            current.add(t);
        }
        if (!current.isEmpty()) {
            out.add(window(current));
        }
        return out;
    }

    /**
     * How far each side's unknown clock is taken to run ahead of the reference side's for cutting windows:
     * the difference of their first log records when that exceeds one negotiation, else nothing.
     */
    private static Map<Side, Duration> shifts(Map<Side, Instant> firstLog, Map<Side, HostClock> clocks) {
        Map<Side, Duration> out = new EnumMap<>(Side.class);
        Instant client = clocks.containsKey(Side.CLIENT) ? null : firstLog.get(Side.CLIENT);
        Instant server = clocks.containsKey(Side.SERVER) ? null : firstLog.get(Side.SERVER);
        if (client != null && server != null) {
            Duration skew = Duration.between(server, client);
            if (Math.abs(skew.getSeconds()) > CertsDeriver.CLOCKS_AGREE_SECONDS) {
                out.put(Side.CLIENT, skew);
            }
        }
        return out;
    }

    private static Window window(List<Timed> members) {
        Timed first = members.get(0);
        Map<Side, Instant> logs = new EnumMap<>(Side.class);
        Map<Side, Instant> records = new EnumMap<>(Side.class);
        for (Timed t : members) {
            Fact f = t.fact();
            records.merge(f.side(), f.time(), (a, b) -> a.isBefore(b) ? a : b);
            if (f instanceof IkeSaEvent) {
                logs.merge(f.side(), f.time(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        // The start is true time only where the first record's clock is known or the clocks agree; a
        // shifted side is dated by its own records, which the validation then names as such.
        Instant start = first.corrected() || first.aligned().equals(first.fact().time()) ? first.aligned() : first.fact().time();
        return new Window(start, first.corrected(), true, Map.copyOf(logs), Map.copyOf(records));
    }
}
