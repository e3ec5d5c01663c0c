package dev.vpndiag.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.RasError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lab's strongSwan server forces UDP encapsulation without any NAT: its NAT-D hash for itself matches no
 * address on purpose, and both ends' captures show it at the same address. That must not be read as a
 * server behind NAT (which would make a Windows client's 809 speak for NAT traversal refused).
 */
class ForcedEncapsulationTest {
    @Test
    void aFakedNatDetectionIsNotAServerBehindNat() {
        Path run = LabRuns.root().resolve("udp4500-blocked-psk");
        RasError ras809 = new RasError(EvidenceRef.of("Application.evtx", "record 1"), Side.CLIENT, null, 809, "Office", "809");
        Diagnosis d = ScenarioSuite.ENGINE.diagnose(EvidenceBundle.of(List.of(
                Evidence.file(run.resolve("client-outer.pcap")).withSide(Side.CLIENT),
                Evidence.file(run.resolve("server-outer.pcap")).withSide(Side.SERVER),
                Evidence.facts("ras.jsonl", List.of(ras809)).withSide(Side.CLIENT))));
        assertThat(d.causes()).extracting(c -> c.id()).contains("NAT_TRAVERSAL_UNSUPPORTED");
        assertThat(d.causes()).flatMap(c -> c.evidence()).noneMatch(e -> e.summary().contains("server behind a NAT"));
    }
}
