package dev.vpndiag.api;

import java.util.List;

/**
 * A catalogue cause the evidence excludes.
 *
 * @param id       catalogue id
 * @param reason   why it is excluded, in a sentence
 * @param evidence the evidence that excludes it
 */
public record RuledOutCause(String id, String reason, List<Citation> evidence) {
    /** Copies the list. */
    public RuledOutCause {
        evidence = List.copyOf(evidence);
    }
}
