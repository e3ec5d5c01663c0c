package dev.vpndiag.plugin.eventlog.linux.internal.text;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.spi.FactSink;

/** Where handlers send facts for one file: builds references and forwards to the sink. */
public final class FactOut {
    /** Longest detail text kept. */
    public static final int MAX_DETAIL = 300;

    private final String source;
    private final Side side;
    private final FactSink sink;
    private long facts;

    /** Emits into {@code sink} for the evidence item {@code source} collected on {@code side}. */
    public FactOut(String source, Side side, FactSink sink) {
        this.source = source;
        this.side = side;
        this.sink = sink;
    }

    /** The side the evidence came from. */
    public Side side() {
        return side;
    }

    /** The sink facts go to. */
    public FactSink sink() {
        return sink;
    }

    /** A reference to a line of this file. */
    public EvidenceRef ref(long line) {
        return EvidenceRef.of(source, "line " + line);
    }

    /** Emits a fact. */
    public void emit(Fact fact) {
        facts++;
        sink.accept(fact);
    }

    /** Facts emitted so far. */
    public long count() {
        return facts;
    }

    /** Shortens logged text for a detail field. */
    public static String detail(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        return t.length() <= MAX_DETAIL ? t : t.substring(0, MAX_DETAIL - 3) + "...";
    }
}
