package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * A Windows remote access (RasClient, RemoteAccess) connection failure with its RAS error code.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param code the RAS error code, such as 809
 * @param connection the connection name, or null
 * @param detail the logged text, shortened
 */
public record RasError(
        EvidenceRef ref,
        Side side,
        Instant time,
        int code,
        String connection,
        String detail) implements Fact {
    /** Checks the reference and side. */
    public RasError {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
