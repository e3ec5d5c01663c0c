package dev.vpndiag.api;

import java.util.List;

/**
 * Evidence worth collecting next because its outcome would separate the live causes.
 *
 * @param what      what to collect, concretely (file, command, capture filter)
 * @param side      where to collect it
 * @param separates the causes its outcome would confirm or rule out
 * @param reason    how each outcome reads
 */
public record EvidenceRequest(String what, Side side, List<String> separates, String reason) {
    /** Copies the list. */
    public EvidenceRequest {
        separates = List.copyOf(separates);
        reason = reason == null ? "" : reason;
    }
}
