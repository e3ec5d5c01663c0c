package dev.vpndiag.plugin.offload.internal.text;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.spi.FactSink;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** What the sections of one read share: where facts go and what earlier lines said. */
public final class ReadContext {
    private final String source;
    private final Side side;
    private final FactSink sink;
    private Instant referenceTime;
    private Instant lastTimestamp;
    private String lastCommand = "";
    private boolean hostClockSeen;
    private long unknownLines;
    private long firstUnknown;
    private final Map<Class<?>, ReadState> states = new LinkedHashMap<>();

    /**
     * @param source        the evidence name
     * @param side          the evidence side
     * @param sink          where facts go
     * @param referenceTime true time of the capture, or null when not known
     */
    public ReadContext(String source, Side side, FactSink sink, Instant referenceTime) {
        this.source = source;
        this.side = side;
        this.sink = sink;
        this.referenceTime = referenceTime;
    }

    /** The evidence side. */
    public Side side() {
        return side;
    }

    /** A reference to a place in the evidence. */
    public EvidenceRef ref(String locator) {
        return EvidenceRef.of(source, locator);
    }

    /** Emits a fact. */
    public void emit(Fact fact) {
        sink.accept(fact);
    }

    /** Reports a problem. */
    public void problem(String locator, String message) {
        sink.problem(locator, message);
    }

    /** Counts a line no format understood. */
    public void unknown(Line line) {
        if (unknownLines++ == 0) {
            firstUnknown = line.number();
        }
    }

    /** How many lines no format understood. */
    public long unknownLines() {
        return unknownLines;
    }

    /** The first line no format understood. */
    public long firstUnknown() {
        return firstUnknown;
    }

    /** True time of the capture (evidence attribute or a capture header), or null. */
    public Instant referenceTime() {
        return referenceTime;
    }

    /** Sets the capture time stated by the file itself, unless the evidence already gave one. */
    public void statedCaptureTime(Instant time) {
        if (referenceTime == null) {
            referenceTime = time;
        }
    }

    /** The host time printed last (by {@code date} and the like), or null. */
    public Instant lastTimestamp() {
        return lastTimestamp;
    }

    /** Records a host time printed in the output. */
    public void timestamp(Instant time) {
        lastTimestamp = time;
    }

    /** Marks the host clock as reported; true the first time only. */
    public boolean firstHostClock() {
        boolean first = !hostClockSeen;
        hostClockSeen = true;
        return first;
    }

    /** The last command line echoed in the output (after a prompt or {@code #}), or empty. */
    public String lastCommand() {
        return lastCommand;
    }

    /** Records an echoed command line. */
    public void command(String command) {
        lastCommand = command;
    }

    /**
     * What a format keeps across its sections until the end of the file (strongSwan connections
     * that name each other), created on first use.
     */
    public <T extends ReadState> T state(Class<T> type, Supplier<T> create) {
        return type.cast(states.computeIfAbsent(type, k -> create.get()));
    }

    /** Ends the read: every state kept emits what it still holds, in the order they were created. */
    public void end() {
        for (ReadState s : states.values()) {
            s.end(this);
        }
        states.clear();
    }

    /** Per-read state of a format that can only emit once the whole file has been seen. */
    public interface ReadState {
        /** Emits what the state holds; called once, after the last line. */
        void end(ReadContext context);
    }
}
