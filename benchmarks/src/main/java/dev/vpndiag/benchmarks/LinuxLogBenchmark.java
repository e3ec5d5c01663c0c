package dev.vpndiag.benchmarks;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.spi.FactSink;
import dev.vpndiag.plugin.eventlog.linux.LinuxLogProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reads a log of at least 1 GiB built from the lab's strongSwan charon and xl2tpd logs with the
 * Linux log provider. The auxiliary counters give bytes per second and lines per second. The lab
 * folder is taken from the system property {@code vpndiag.lab} (default
 * {@code plugin-eventlog/src/test/resources/linux/lab}, relative to the working directory).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class LinuxLogBenchmark {
    private static final long TARGET = 1L << 30;

    private Path file;
    private long size;
    private long lines;

    /** Bytes and lines read, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        /** Bytes read. */
        public long bytes;
        /** Lines read. */
        public long lines;
        /** Facts emitted. */
        public long facts;

        /** Clears the counters before each iteration. */
        @Setup(Level.Iteration)
        public void clear() {
            bytes = 0;
            lines = 0;
            facts = 0;
        }
    }

    /** Builds the big log from the lab logs. */
    @Setup(Level.Trial)
    public void build() throws IOException {
        Path lab = Path.of(System.getProperty("vpndiag.lab", "plugin-eventlog/src/test/resources/linux/lab"));
        List<byte[]> parts = new ArrayList<>();
        try (Stream<Path> s = Files.walk(lab)) {
            for (Path p : s.filter(f -> f.toString().endsWith("-charon.log") || f.toString().endsWith("-xl2tpd.log"))
                    .sorted().toList()) {
                parts.add(Files.readAllBytes(p));
            }
        }
        if (parts.isEmpty()) {
            throw new IOException("no lab logs under " + lab.toAbsolutePath());
        }
        file = Files.createTempFile("vpndiag-linux-bench", ".log");
        size = 0;
        lines = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (size < TARGET) {
                for (byte[] part : parts) {
                    out.write(part);
                    size += part.length;
                    for (byte b : part) {
                        if (b == '\n') {
                            lines++;
                        }
                    }
                }
            }
        }
    }

    /** Deletes the big log. */
    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    /** One full read of the log. */
    @Benchmark
    public long read(Counters counters) throws IOException {
        long[] facts = new long[1];
        new LinuxLogProvider().read(Evidence.file(file), new FactSink() {
            @Override
            public void accept(Fact fact) {
                facts[0]++;
            }

            @Override
            public void problem(String locator, String message) {
            }
        });
        counters.bytes += size;
        counters.lines += lines;
        counters.facts += facts[0];
        return facts[0];
    }
}
