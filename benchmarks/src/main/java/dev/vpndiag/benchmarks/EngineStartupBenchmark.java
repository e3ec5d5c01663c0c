package dev.vpndiag.benchmarks;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.core.VpnDiag;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold start: building an engine (Guice, the precompiled rule base, plugin discovery) and its first
 * diagnosis, once per fresh JVM. Each fork is one cold measurement.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar EngineStartupBenchmark</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(10)
public class EngineStartupBenchmark {

    @Benchmark
    public Diagnosis buildEngineAndDiagnoseOnce() {
        return VpnDiag.engineBuilder().build().diagnose(EvidenceBundle.of(Evidence.facts("gateway.jsonl",
                EngineBenchmark.gatewayFacts(100, true))));
    }
}
