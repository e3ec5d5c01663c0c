package dev.vpndiag.benchmarks;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.DiagnosticEngine;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.Verdict;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.EspFlow;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.IkeConversation;
import dev.vpndiag.api.fact.IkeFailureReason;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.api.fact.IkeVersion;
import dev.vpndiag.api.fact.L2tpTunnelAttempt;
import dev.vpndiag.api.fact.PppNegotiation;
import dev.vpndiag.api.fact.PppOutcome;
import dev.vpndiag.api.fact.PppStage;
import dev.vpndiag.core.VpnDiag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Diagnose latency of a built engine for bundles of 100, 1,000 and 10,000 facts, on one and two
 * threads sharing the engine. The facts are a busy gateway's: many tunnels with IKE in both phases,
 * ESP both ways, L2TP and PPP up, which exercises every chain rule and the ESP pairing join; the
 * diagnosis is NO_FAULT_FOUND. {@code peers=many}: one client per tunnel, so every nine facts are a
 * connection attempt of their own and each is diagnosed; {@code peers=one}: the same facts from one
 * client, one attempt (the rules see every fact in one session).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar EngineBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {

    @Param({"100", "1000", "10000"})
    public int facts;

    @Param({"many", "one"})
    public String peers;

    private DiagnosticEngine engine;
    private EvidenceBundle bundle;

    @Setup(Level.Trial)
    public void setUp() {
        engine = VpnDiag.engineBuilder().build();
        bundle = EvidenceBundle.of(Evidence.facts("gateway.jsonl", gatewayFacts(facts, peers.equals("many"))));
        Diagnosis d = engine.diagnose(bundle);
        if (d.verdict() != Verdict.NO_FAULT_FOUND) {
            throw new IllegalStateException("benchmark bundle no longer diagnoses as expected: " + d.verdict() + " " + d.causes());
        }
    }

    /** A gateway's facts: {@code n} facts of healthy tunnels (nine facts per tunnel), from one client per tunnel or one in all. */
    static List<Fact> gatewayFacts(int n, boolean clientPerTunnel) {
        Random random = new Random(42);
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        String gw = "203.0.113.5";
        List<Fact> out = new ArrayList<>();
        int line = 1;
        for (int client = 0; out.size() < n; client++) {
            String peer = clientPerTunnel ? "198.51." + (client / 250) + "." + (client % 250 + 1) : "198.51.100.7";
            Instant at = t.plusSeconds(random.nextInt(3600));
            EvidenceRef ref = EvidenceRef.of("gw.log", "line " + line++);
            out.add(new IkeConversation(EvidenceRef.of("gw.pcap", "frames " + line), Side.SERVER, at, IkeVersion.IKEV1, peer, gw,
                    Long.toHexString(random.nextLong()), Long.toHexString(random.nextLong()), 5, 4, 0, 6, 3, 0, 0, false, false, at));
            out.add(new IkeSaEvent(ref, Side.SERVER, at, IkeVersion.IKEV1, Layer.IKE_MAIN_MODE, IkeOutcome.ESTABLISHED,
                    IkeFailureReason.NONE, AuthMethod.CERTIFICATE, gw, peer, "main mode up"));
            out.add(new IkeSaEvent(ref, Side.SERVER, at, IkeVersion.IKEV1, Layer.IKE_QUICK_MODE, IkeOutcome.ESTABLISHED,
                    IkeFailureReason.NONE, AuthMethod.CERTIFICATE, gw, peer, "quick mode up"));
            out.add(new EspFlow(ref, Side.SERVER, at, peer, gw, 0x10000000L + client, 100 + random.nextInt(1000), 150_000, false, false, at));
            out.add(new EspFlow(ref, Side.SERVER, at, gw, peer, 0x20000000L + client, 100 + random.nextInt(1000), 150_000, false, false, at));
            out.add(new L2tpTunnelAttempt(ref, Side.SERVER, at, gw, peer, client + 1, 1, true, true, true, null, null, null, null));
            out.add(new PppNegotiation(ref, Side.SERVER, at, PppStage.LCP, PppOutcome.OPENED, null, null, null));
            out.add(new PppNegotiation(ref, Side.SERVER, at, PppStage.AUTH, PppOutcome.SUCCEEDED, "MS-CHAPv2", null, null));
            out.add(new PppNegotiation(ref, Side.SERVER, at, PppStage.CCP, PppOutcome.OPENED, null, null, "MPPE 128"));
        }
        return out.subList(0, n);
    }

    @Benchmark
    @Threads(1)
    public Diagnosis diagnoseOneThread() {
        return engine.diagnose(bundle);
    }

    @Benchmark
    @Threads(2)
    public Diagnosis diagnoseTwoThreads() {
        return engine.diagnose(bundle);
    }
}
