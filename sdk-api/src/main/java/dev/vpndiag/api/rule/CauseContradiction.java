package dev.vpndiag.api.rule;

import dev.vpndiag.api.fact.EvidenceRef;
import java.util.Objects;

/**
 * An observation that makes a cause less likely without excluding it.
 *
 * @param causeId catalogue id of the cause
 * @param weight  the name of the observation's weight in the ranking data ({@code causeId.weight})
 * @param summary what was observed
 * @param ref     the evidence observed
 */
public record CauseContradiction(String causeId, String weight, String summary, EvidenceRef ref) {
    /** Validates the components. */
    public CauseContradiction {
        Objects.requireNonNull(causeId, "causeId");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(ref, "ref");
    }
}
