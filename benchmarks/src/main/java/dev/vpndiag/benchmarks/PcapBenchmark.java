package dev.vpndiag.benchmarks;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.plugin.pcap.PcapFactProvider;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Full fact extraction over a capture of at least 500 MB built from the lab's real L2TP/IPsec
 * packets (repeated with fresh timestamps). Throughput in MB/s = file size / time per operation;
 * the file size and packet count are printed at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PcapBenchmark {
    private static final long TARGET_BYTES = 520L * 1024 * 1024;

    private Path file;
    private final PcapFactProvider provider = new PcapFactProvider();

    @Setup(Level.Trial)
    public void build() throws IOException {
        List<byte[]> packets = new ArrayList<>();
        // Real lab captures kept in the repository; run from the repository root.
        String root = System.getProperty("vpndiag.root", ".");
        String[] sources = {"scenarios/src/test/resources/lab/healthy-null/client-outer.pcap",
                "scenarios/src/test/resources/lab/esp-blocked-outbound/client-outer.pcap"};
        for (String s : sources) {
            Path p = Path.of(root, s);
            byte[] all = Files.readAllBytes(p);
            ByteBuffer bb = ByteBuffer.wrap(all).order((all[0] & 0xFF) == 0xD4 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            int pos = 24;
            while (pos + 16 <= all.length) {
                int incl = bb.getInt(pos + 8);
                packets.add(java.util.Arrays.copyOfRange(all, pos + 16, pos + 16 + incl));
                pos += 16 + incl;
            }
        }
        file = Files.createTempFile("pcap-bench", ".pcap");
        long count = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
            out.write(h.array());
            long written = 24;
            long usec = 1_700_000_000L * 1_000_000L;
            ByteBuffer rh = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            while (written < TARGET_BYTES) {
                for (byte[] p : packets) {
                    usec += 137;
                    rh.clear();
                    rh.putInt((int) (usec / 1_000_000)).putInt((int) (usec % 1_000_000)).putInt(p.length).putInt(p.length);
                    out.write(rh.array());
                    out.write(p);
                    written += 16 + p.length;
                    count++;
                }
            }
        }
        System.out.printf("%nPcapBenchmark capture: %s, %d bytes, %d packets%n", file, Files.size(file), count);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public long extractFacts(Blackhole bh) throws IOException {
        BlackholeSink sink = new BlackholeSink(bh);
        provider.read(Evidence.file(file), sink);
        return sink.facts();
    }
}
