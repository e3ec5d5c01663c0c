package dev.vpndiag.plugin.pcap.internal.capture;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.spi.FactSink;
import java.time.Instant;

/**
 * Where facts come from and where they go: the evidence name and side, and the sink.
 *
 * @param source the evidence name
 * @param side   the side it was collected on
 * @param sink   where facts and problems go
 */
public record Origin(String source, Side side, FactSink sink) {
    /** A reference to frames of this capture. */
    public EvidenceRef ref(String locator) {
        return EvidenceRef.of(source, locator);
    }

    /** A capture time as an instant, or null when unknown. */
    public static Instant instant(long nanos) {
        if (nanos == Long.MIN_VALUE) {
            return null;
        }
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    /** Emits a fact. */
    public void emit(Fact fact) {
        sink.accept(fact);
    }
}
