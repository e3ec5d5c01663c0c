package dev.vpndiag.api;

import dev.vpndiag.api.fact.Fact;
import java.util.List;

/**
 * The facts the providers extracted from a bundle, before any rule ran.
 *
 * @param facts    every fact, in the order extracted
 * @param problems evidence that could not be read
 * @param stats    counters
 */
public record FactExtraction(List<Fact> facts, List<Problem> problems, Stats stats) {
    /** Copies the lists. */
    public FactExtraction {
        facts = List.copyOf(facts);
        problems = List.copyOf(problems);
    }
}
