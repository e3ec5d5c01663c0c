package dev.vpndiag.benchmarks;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.plugin.offload.OffloadProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reads a large file of mixed host-state output (IPsec counters, sc query, reg query, ethtool -k,
 * systemctl status, PowerShell tables, unknown lines) in memory. MB/s = size / (ms per op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class OffloadBenchmark {

    private static final String BLOCK = """
            Mon Nov 23 13:40:01 UTC 2026

            IPsec Quick Mode Statistics
            ---------------------------
            Active Security Associations        : 4
            Key Additions                       : 14
            Bad SPI Packets                     : 5
            Packets Not Decrypted               : 0
            Packets Not Authenticated           : 41
            Confidential Bytes Sent             : 1,234,567
            Confidential Bytes Received         : 9,876

            SERVICE_NAME: IKEEXT
                    TYPE               : 30  WIN32
                    STATE              : 4  RUNNING
                                            (STOPPABLE, NOT_PAUSABLE, IGNORES_SHUTDOWN)
                    WIN32_EXIT_CODE    : 0  (0x0)

            HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent
                AssumeUDPEncapsulationContextOnSendRule    REG_DWORD    0x2

            Features for eth0:
            rx-checksumming: on
            tx-checksumming: on
            \ttx-checksum-ipv4: on
            scatter-gather: on
            esp-hw-offload: off [fixed]
            esp-tx-csum-hw-offload: off [fixed]

            ● xl2tpd.service - Layer 2 Tunneling Protocol Daemon (L2TP)
                 Loaded: loaded (/lib/systemd/system/xl2tpd.service; enabled; preset: enabled)
                 Active: active (running) since Mon 2026-11-23 13:38:13 UTC; 2min 2s ago

            Status   Name               DisplayName
            ------   ----               -----------
            Running  PolicyAgent        IPsec Policy Agent
            Stopped  Spooler            Print Spooler

            some line that no format knows
            """;

    /** Size of the generated file in megabytes. */
    @Param({"50"})
    public int megabytes;

    private Evidence evidence;

    /** Builds the file once. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        byte[] block = BLOCK.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(megabytes * 1024 * 1024 + block.length);
        while (out.size() < megabytes * 1024 * 1024) {
            out.write(block);
        }
        evidence = Evidence.bytes("mixed.txt", out.toByteArray());
    }

    /** One full read of the file. */
    @Benchmark
    public void readMixed(Blackhole bh) throws IOException {
        new OffloadProvider().read(evidence, new BlackholeSink(bh));
    }
}
