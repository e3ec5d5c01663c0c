package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * A registry value (or equivalent setting) read from an export or query output.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param key full key path, such as HKLM\\SYSTEM\\CurrentControlSet\\Services\\IPSEC
 * @param name value name
 * @param value the data as text
 */
public record RegistryValue(
        EvidenceRef ref,
        Side side,
        Instant time,
        String key,
        String name,
        String value) implements Fact {
    /** Checks the reference and side. */
    public RegistryValue {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
    }
}
