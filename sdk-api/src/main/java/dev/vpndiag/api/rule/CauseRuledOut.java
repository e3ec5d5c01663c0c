package dev.vpndiag.api.rule;

import dev.vpndiag.api.fact.EvidenceRef;
import java.util.Objects;

/**
 * Evidence that excludes a cause outright.
 *
 * @param causeId catalogue id of the cause
 * @param reason  why it is excluded, in a sentence
 * @param ref     the evidence that excludes it
 */
public record CauseRuledOut(String causeId, String reason, EvidenceRef ref) {
    /** Validates the components. */
    public CauseRuledOut {
        Objects.requireNonNull(causeId, "causeId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(ref, "ref");
    }
}
