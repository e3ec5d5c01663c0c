package dev.vpndiag.api.rule;

import dev.vpndiag.api.fact.EvidenceRef;
import java.util.Objects;

/**
 * Says under which circumstance the evidence shows a cause, so that its title and remediation speak of
 * that circumstance: ESP blocked while it travels in UDP 4500 (NAT traversal) is a different firewall
 * rule from ESP as IP protocol 50. The catalogue entry of the cause names its circumstances and the
 * wording for each; one the entry does not name is ignored. When rules state several, the one first
 * in the entry's order wins. It changes no confidence.
 *
 * @param causeId       catalogue id of the cause
 * @param circumstance  the catalogue's name for the circumstance, such as {@code "esp-in-udp"}
 * @param why           what shows it, for people
 * @param ref           the evidence that shows it
 */
public record CauseCircumstance(String causeId, String circumstance, String why, EvidenceRef ref) {
    /** Validates the components. */
    public CauseCircumstance {
        Objects.requireNonNull(causeId, "causeId");
        Objects.requireNonNull(circumstance, "circumstance");
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(ref, "ref");
    }
}
