package dev.vpndiag.api.rule;

import dev.vpndiag.api.Side;
import java.util.List;
import java.util.Objects;

/**
 * A rule's request for evidence that would separate causes it cannot tell apart.
 *
 * @param what      what to collect, concretely
 * @param side      where
 * @param separates the causes its outcome would confirm or rule out
 * @param reason    how each outcome reads
 */
public record EvidenceWanted(String what, Side side, List<String> separates, String reason) {
    /** Validates the components and copies the list. */
    public EvidenceWanted {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(side, "side");
        separates = List.copyOf(separates);
        reason = reason == null ? "" : reason;
    }
}
