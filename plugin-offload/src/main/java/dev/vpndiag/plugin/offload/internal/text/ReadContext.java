package dev.vpndiag.plugin.offload.internal.text;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.HostPlatform;
import dev.vpndiag.api.fact.Platform;
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
    private String lastCommandAsTyped = "";
    private long lastCommandLine;
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

    private final java.util.Set<Platform> platforms = java.util.EnumSet.noneOf(Platform.class);

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

    /** States once per platform that the file is that software's output, where it first shows. */
    public void platform(Platform platform, String locator) {
        if (platforms.add(platform)) {
            sink.accept(HostPlatform.of(ref(locator), side, platform));
        }
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

    /** The last command line echoed in the output, as typed (case kept), or empty. */
    public String lastCommandAsTyped() {
        return lastCommandAsTyped;
    }

    /** The line the last command was echoed on, or 0. */
    public long lastCommandLine() {
        return lastCommandLine;
    }

    /**
     * Records an echoed command line.
     *
     * @param asTyped the command as echoed
     * @param line    the line it was echoed on
     */
    public void command(String asTyped, long line) {
        lastCommandAsTyped = asTyped;
        lastCommand = asTyped.toLowerCase(java.util.Locale.ROOT);
        lastCommandLine = line;
    }

    /** Forgets the last echoed command once its output has been read, so later output cannot borrow it. */
    public void forgetCommand() {
        lastCommand = "";
        lastCommandAsTyped = "";
        lastCommandLine = 0;
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
