package dev.vpndiag.benchmarks;

import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.spi.FactSink;
import org.openjdk.jmh.infra.Blackhole;

/** A sink that hands every fact and problem to JMH's blackhole (so no work is optimised away) and counts the facts. */
final class BlackholeSink implements FactSink {
    private final Blackhole bh;
    private long facts;

    BlackholeSink(Blackhole bh) {
        this.bh = bh;
    }

    @Override
    public void accept(Fact fact) {
        facts++;
        bh.consume(fact);
    }

    @Override
    public void problem(String locator, String message) {
        bh.consume(message);
    }

    /** Facts accepted so far. */
    long facts() {
        return facts;
    }
}
