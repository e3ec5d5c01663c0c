package dev.vpndiag.benchmarks;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.plugin.eventlog.windows.WindowsEventLogProvider;
import dev.vpndiag.plugin.eventlog.windows.internal.WinEvent;
import dev.vpndiag.plugin.eventlog.windows.internal.evtx.EvtxReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * EVTX decoding speed on the largest corpus log repeated to at least 200 MB (its chunks appended
 * again and again behind one file header, held in memory so the decoder, not the disk, is timed).
 * {@code fullDecode} materialises every record; {@code filteredDecode} runs the provider, which
 * decodes only the System part of records whose event id and provider cannot give a fact.
 * Records per op: {@link #records}; bytes per op: {@link #size}. The repeated log is also written
 * to {@code java.io.tmpdir/vpndiag-evtx-bench.evtx} so that the reference tool can be timed on the
 * same data ({@code time evtxexport FILE > /dev/null}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class EvtxBenchmark {
    private static final int HEADER = 4096;
    private static final long TARGET = 200L * 1024 * 1024;

    /** The EVTX file to repeat; relative to the repository root by default. */
    @Param("../shared/corpus/evtx/omer__system.evtx")
    public String file;

    byte[] content;
    long records;
    long size;

    /** Builds the repeated log once. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        byte[] one = Files.readAllBytes(Path.of(file));
        int chunks = (one.length - HEADER) / 65536;
        int copies = (int) ((TARGET + (long) chunks * 65536 - 1) / ((long) chunks * 65536));
        content = new byte[HEADER + copies * chunks * 65536];
        System.arraycopy(one, 0, content, 0, HEADER);
        for (int i = 0; i < copies; i++) {
            System.arraycopy(one, HEADER, content, HEADER + i * chunks * 65536, chunks * 65536);
        }
        size = content.length;
        records = fullDecode(new Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous."));
        Path out = Path.of(System.getProperty("java.io.tmpdir"), "vpndiag-evtx-bench.evtx");
        Files.write(out, content);
    }

    /** Every record fully decoded. */
    @Benchmark
    public long fullDecode(Blackhole bh) throws IOException {
        long[] n = {0};
        new EvtxReader("bench.evtx").read(new ByteArrayInputStream(content), EvtxReader.Filter.ALL, new EvtxReader.Listener() {
            @Override
            public void event(WinEvent event) {
                n[0]++;
                bh.consume(event);
            }

            @Override
            public void problem(String locator, String message) {
                bh.consume(message);
            }
        });
        return n[0];
    }

    /** The provider: records filtered by event id and provider before their EventData is decoded. */
    @Benchmark
    public void filteredDecode(Blackhole bh) throws IOException {
        Evidence ev = Evidence.stream("bench.evtx", size, () -> new ByteArrayInputStream(content));
        new WindowsEventLogProvider().read(ev, new BlackholeSink(bh));
    }
}
