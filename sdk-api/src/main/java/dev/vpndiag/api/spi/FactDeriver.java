package dev.vpndiag.api.spi;

import dev.vpndiag.api.fact.Fact;
import java.util.List;

/**
 * Derives facts that need the facts of the whole bundle rather than one evidence item, such as
 * validating one side's certificate against the other side's trust anchors. Runs after every
 * provider has read its evidence and before the rules; found by {@link java.util.ServiceLoader}
 * under {@code META-INF/services/dev.vpndiag.api.spi.FactDeriver} or added by the host.
 *
 * <p>Must be stateless and safe to call from several threads at once.
 */
public interface FactDeriver {

    /** A short stable id, shown in statistics and problems. */
    String id();

    /**
     * Reads the bundle's facts and emits new ones into the sink. Problems go to
     * {@link FactSink#problem}; the facts given must not be modified.
     */
    void derive(List<Fact> facts, FactSink sink);
}
