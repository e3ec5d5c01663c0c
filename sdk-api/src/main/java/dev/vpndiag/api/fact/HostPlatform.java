package dev.vpndiag.api.fact;

import dev.vpndiag.api.Side;
import java.time.Instant;

/**
 * Software that wrote a side's evidence: a provider states it once per evidence item and platform
 * when the item's format says so (charon lines, a Windows event, {@code netsh} output). It carries
 * no sign of any cause; it makes the remediation and the evidence requested next speak that
 * software's commands.
 *
 * @param ref where the fact was read (the evidence item, and the first place that showed it)
 * @param side the side the evidence came from
 * @param time null: which software wrote the evidence is not an event in time
 * @param platform the software
 */
public record HostPlatform(
        EvidenceRef ref,
        Side side,
        Instant time,
        Platform platform) implements Fact {
    /** Checks the reference, side and platform. */
    public HostPlatform {
        java.util.Objects.requireNonNull(ref, "ref");
        java.util.Objects.requireNonNull(side, "side");
        java.util.Objects.requireNonNull(platform, "platform");
    }

    /** The platform seen in an evidence item, with no time. */
    public static HostPlatform of(EvidenceRef ref, Side side, Platform platform) {
        return new HostPlatform(ref, side, null, platform);
    }
}
