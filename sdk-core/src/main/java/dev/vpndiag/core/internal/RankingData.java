package dev.vpndiag.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Priors and observation weights, in log-odds, from {@code ranking.properties}. Keys are
 * {@code prior.CAUSE_ID}, {@code CAUSE_ID.observation}; {@code unexplained} is the score of the
 * possibility that the evidence does not show the real cause at all.
 */
public final class RankingData {
    private final Map<String, Double> values;

    RankingData(Map<String, Double> values) {
        this.values = Map.copyOf(values);
    }

    /** Loads the built-in ranking data. */
    public static RankingData builtIn() {
        Properties p = new Properties();
        try (InputStream in = RankingData.class.getResourceAsStream("/dev/vpndiag/core/ranking.properties")) {
            if (in == null) {
                throw new IllegalStateException("ranking.properties missing from the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Double> values = new TreeMap<>();
        p.forEach((k, v) -> values.put(k.toString(), Double.parseDouble(v.toString().trim())));
        return new RankingData(values);
    }

    /** The prior of a cause; causes without one get {@code prior.default}. */
    public double prior(String causeId) {
        Double v = values.get("prior." + causeId);
        return v != null ? v : values.getOrDefault("prior.default", -2.0);
    }

    /** The weight of a named observation about a cause, if defined. */
    public Double weight(String causeId, String observation) {
        return values.get(causeId + "." + observation);
    }

    /** The score of "none of the ranked causes". */
    public double unexplained() {
        return values.getOrDefault("unexplained", 0.0);
    }

    /**
     * How much each further distinct observation about one cause counts relative to the one before
     * it (1 = independent evidence, summed; less = overlapping evidence, each adds less).
     */
    public double overlap() {
        return values.getOrDefault("overlap", 1.0);
    }

    /** The least share of belief left to "none of the ranked causes", however strong the evidence. */
    public double unexplainedFloor() {
        return values.getOrDefault("unexplained.floor", 0.0);
    }

    /** Every key, for checks. */
    public Map<String, Double> all() {
        return values;
    }
}
