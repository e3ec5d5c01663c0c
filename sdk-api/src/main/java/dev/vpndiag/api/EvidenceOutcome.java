package dev.vpndiag.api;

import java.util.List;
import java.util.Objects;

/**
 * One way requested evidence could turn out, and what that result would mean for the causes still
 * in question. An {@link EvidenceRequest} lists one outcome per distinct sign the evidence could
 * show, plus the outcome where it shows none of them.
 *
 * @param observation what the evidence would show, in a short phrase (for example "the client's ESP
 *                    (its SPI) never arrives at the server"), or "none of the above"
 * @param confirms    catalogue ids this observation would confirm; empty for the "none of the above"
 *                    outcome; more than one when the evidence shows those causes the same way
 * @param rulesOut    catalogue ids this observation would rule out: the causes the evidence would
 *                    have shown differently had they been the real one
 */
public record EvidenceOutcome(String observation, List<String> confirms, List<String> rulesOut) {
    /** Validates the observation and copies the lists. */
    public EvidenceOutcome {
        Objects.requireNonNull(observation, "observation");
        confirms = List.copyOf(confirms);
        rulesOut = List.copyOf(rulesOut);
    }
}
