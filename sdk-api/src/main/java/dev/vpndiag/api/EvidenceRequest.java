package dev.vpndiag.api;

import java.util.List;

/**
 * Evidence worth collecting next because its outcome would separate the live causes.
 *
 * @param what      what to collect, concretely (file, command, capture filter)
 * @param side      where to collect it
 * @param separates the causes its outcome would confirm or rule out
 * @param reason    a one-line summary of what it would decide
 * @param outcomes  how each possible result reads: which causes it confirms and which it rules out
 *                  (empty when the request came from a rule that gave none)
 */
public record EvidenceRequest(String what, Side side, List<String> separates, String reason,
                              List<EvidenceOutcome> outcomes) {
    /** Copies the lists; a null reason becomes empty, null outcomes an empty list. */
    public EvidenceRequest {
        separates = List.copyOf(separates);
        reason = reason == null ? "" : reason;
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    /**
     * A request without per-outcome readings.
     *
     * @param what      what to collect
     * @param side      where to collect it
     * @param separates the causes its outcome would confirm or rule out
     * @param reason    a one-line summary of what it would decide
     */
    public EvidenceRequest(String what, Side side, List<String> separates, String reason) {
        this(what, side, separates, reason, List.of());
    }
}
