package dev.vpndiag.core;

import static dev.vpndiag.core.Facts.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One engine shared by eight threads gives the same diagnosis as one thread. */
class EngineConcurrencyTest {

    private static Diagnosis withoutTiming(Diagnosis d) {
        return new Diagnosis(d.verdict(), d.layers(), d.causes(), d.ruledOut(), d.notEvaluated(), d.findings(),
                d.nextEvidence(), d.problems(), new Stats(d.stats().facts(), 0, Map.of()));
    }

    @Test
    void eightThreadsGiveIdenticalDiagnoses() throws Exception {
        List<EvidenceBundle> bundles = List.of(
                bundle(ike(Side.CLIENT, 5, 0, 1, 0)),
                bundle(ipsecUp(), esp(Side.CLIENT, CLIENT, SERVER, 1, 10)),
                bundle(ike(Side.CLIENT, 1, 1, 2, 0), ikeNotify(14, "NO_PROPOSAL_CHOSEN", Layer.IKE_MAIN_MODE)),
                bundle(ipsecUp(), l2tp(5, false, false, null, null)));
        List<Diagnosis> expected = bundles.stream().map(b -> withoutTiming(EngineHolder.ENGINE.diagnose(b))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Diagnosis>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    List<Diagnosis> out = new ArrayList<>();
                    for (int round = 0; round < 25; round++) {
                        for (EvidenceBundle b : bundles) {
                            out.add(withoutTiming(EngineHolder.ENGINE.diagnose(b)));
                        }
                    }
                    return out;
                }));
            }
            for (Future<List<Diagnosis>> f : futures) {
                List<Diagnosis> got = f.get();
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.get(i)).isEqualTo(expected.get(i % bundles.size()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
