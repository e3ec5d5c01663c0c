package dev.vpndiag.api.rule;

import dev.vpndiag.api.fact.EvidenceRef;
import java.util.Objects;

/**
 * A statement about the evidence itself, such as {@code IKE_AUDIT_DISABLED}.
 *
 * @param findingId catalogue id of the finding
 * @param message   what it means for this diagnosis
 * @param ref       what shows it
 */
public record FindingRaised(String findingId, String message, EvidenceRef ref) {
    /** Validates the components. */
    public FindingRaised {
        Objects.requireNonNull(findingId, "findingId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(ref, "ref");
    }
}
