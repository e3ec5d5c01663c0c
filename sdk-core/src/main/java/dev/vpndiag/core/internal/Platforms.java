package dev.vpndiag.core.internal;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.HostPlatform;
import dev.vpndiag.api.fact.Platform;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The software each side's evidence comes from, as the {@link HostPlatform} facts state it. */
record Platforms(Map<Side, Set<Platform>> bySide, Set<Platform> all) {

    /** No platform known on any side. */
    static final Platforms NONE = new Platforms(Map.of(), Set.of());

    static Platforms of(List<Fact> facts) {
        Map<Side, Set<Platform>> bySide = new EnumMap<>(Side.class);
        Set<Platform> all = EnumSet.noneOf(Platform.class);
        for (Fact f : facts) {
            if (f instanceof HostPlatform p) {
                bySide.computeIfAbsent(p.side(), k -> EnumSet.noneOf(Platform.class)).add(p.platform());
                all.add(p.platform());
            }
        }
        return all.isEmpty() ? NONE : new Platforms(bySide, Collections.unmodifiableSet(all));
    }

    /** The platforms of one side; for evidence of no particular side, those of every side. */
    Set<Platform> of(Side side) {
        return side == Side.CLIENT || side == Side.SERVER ? bySide.getOrDefault(side, Set.of()) : all;
    }
}
