package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;
import java.util.List;

/**
 * The value names a registry export or query showed under one key, so that rules can tell a value
 * that is absent (and therefore at its default) from one nobody looked at. {@link RegistryValue}
 * says what a value holds; this fact says which values exist.
 *
 * <p>When {@code complete} is true the listing can be trusted for absence: every value of the key
 * (or, with {@code queriedName}, the one value asked for) is in {@code valueNames}, so a name
 * missing from it does not exist under the key. A {@code .reg} export of the key, or a {@code reg
 * query KEY} that printed the key's values, is complete; {@code reg query KEY /v NAME} answering
 * that the key or value cannot be found is complete for NAME with no names listed (a key that does
 * not exist has no values either). A listing that may be cut short, a search ({@code reg query
 * /f}), or output whose command is not known is not complete: its names exist, but nothing follows
 * from a name it lacks. Registry value names are compared without regard to case, as Windows does.
 *
 * @param ref where the fact was read
 * @param side the side the evidence came from
 * @param time when it happened by the source's clock, or null when the source has no time
 * @param key full key path, such as HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent
 * @param valueNames the names of the values shown under the key, in the order shown ({@code (Default)}
 *                   for the unnamed value); never null
 * @param complete true when no value within the listing's scope is missing from {@code valueNames}
 * @param queriedName the one value name the listing was restricted to ({@code reg query /v NAME}),
 *                    or null when it covers every value of the key
 */
public record RegistryKey(
        EvidenceRef ref,
        Side side,
        Instant time,
        String key,
        List<String> valueNames,
        boolean complete,
        String queriedName) implements Fact {
    /** Checks the reference and side and copies the names. */
    public RegistryKey {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
        valueNames = valueNames == null ? List.of() : List.copyOf(valueNames);
    }

    /** True when the listing shows a value of this name (case-insensitive). */
    public boolean lists(String name) {
        for (String n : valueNames) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the listing proves that the key has no value of this name: it is complete, covers
     * the name, and does not show it.
     */
    public boolean lacks(String name) {
        return complete && (queriedName == null || queriedName.equalsIgnoreCase(name)) && !lists(name);
    }
}
