package dev.vpndiag.api;

import java.util.Map;

/**
 * Counters of one diagnosis.
 *
 * @param facts           number of facts the rules saw
 * @param millis          wall time of the whole diagnosis in milliseconds
 * @param factsByProvider facts per provider id
 */
public record Stats(int facts, long millis, Map<String, Integer> factsByProvider) {
    /** Copies the map. */
    public Stats {
        factsByProvider = Map.copyOf(factsByProvider);
    }
}
