package dev.vpndiag.api;

import java.util.List;

/**
 * A statement about the quality of the evidence rather than about the connection, such as
 * {@code IKE_AUDIT_DISABLED} or {@code ONE_SIDED_EVIDENCE}.
 *
 * @param id       stable finding id
 * @param message  what it means for this diagnosis
 * @param evidence what shows it
 */
public record Finding(String id, String message, List<Citation> evidence) {
    /** Copies the list. */
    public Finding {
        evidence = List.copyOf(evidence);
    }
}
