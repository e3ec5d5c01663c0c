package dev.vpndiag.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.ConnectionAttempt;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.Layer;
import dev.vpndiag.api.LayerStatus;
import dev.vpndiag.api.ProgressListener;
import dev.vpndiag.api.Side;
import dev.vpndiag.core.VpnDiag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A real capture of one client talking to nine servers gives nine attempts, the ones TShark sees. */
class RealAttemptsTest {

    private static Path real(String name) throws Exception {
        return Path.of(RealAttemptsTest.class.getResource("/real/" + name).toURI());
    }

    @Test
    void unrelatedRealTrafficInTheEvidenceDoesNotHideTheLabFault() throws Exception {
        // The lab run where a router drops ESP, plus a capture of someone else's nine IPsec peers.
        Path lab = Path.of(RealAttemptsTest.class.getResource("/lab/esp-blocked-outbound").toURI());
        EvidenceBundle bundle = VpnDiag.openBundle(lab)
                .plus(EvidenceBundle.of(Evidence.file(real("ndpi__ipsec_isakmp_esp.pcap")).withSide(Side.CLIENT)));
        Diagnosis d = ScenarioSuite.ENGINE.diagnose(bundle);
        assertThat(d.attempts()).hasSize(10);
        assertThat(d.diagnosedAttempt()).hasValueSatisfying(a -> {
            assertThat(a.clients()).containsExactly("198.51.100.2");
            assertThat(a.servers()).containsExactly("203.0.113.2");
            assertThat(a.sides()).containsExactlyInAnyOrder(Side.CLIENT, Side.SERVER);
        });
        assertThat(d.statusOf(Layer.ESP)).isEqualTo(LayerStatus.FAILED);
        assertThat(d.topCause()).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo("ESP_BLOCKED"));
    }

    @Test
    void aScannersLaterShorterAttemptDoesNotHideTheClientsFailureAtTheGateway() throws Exception {
        // Lab run: the client's ESP is dropped; 25 s later a scanner probes the server with a proposal it
        // refuses. The server's capture and IKE log alone: the scanner's attempt is the most recent.
        Path lab = Path.of(RealAttemptsTest.class.getResource("/lab/gateway-scanner-after-esp-blocked").toURI());
        EvidenceBundle bundle = EvidenceBundle.of(List.of(Evidence.file(lab.resolve("server-outer.pcap")).withSide(Side.SERVER),
                Evidence.file(lab.resolve("server-charon.log")).withSide(Side.SERVER)));
        Diagnosis d = ScenarioSuite.ENGINE.diagnose(bundle);
        assertThat(d.attempts()).hasSize(2);
        assertThat(d.attempts()).filteredOn(a -> a.clients().contains("203.0.113.1")).singleElement()
                .satisfies(a -> assertThat(a.topCause()).isEqualTo("IKE_PROPOSAL_MISMATCH"));
        assertThat(d.diagnosedAttempt()).hasValueSatisfying(a -> {
            assertThat(a.clients()).containsExactly("198.51.100.2");
            assertThat(a.chosenBecause()).isEqualTo("it is the failure that got furthest along the chain");
        });
        assertThat(d.topCause()).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo("ESP_BLOCKED"));
    }

    /**
     * Lab run (made after the ICMP rules were settled): the router refuses the client's UDP 500 with ICMP
     * "administratively prohibited". From the client's capture and logs alone that is a block on the path,
     * never a server with nothing listening, which only a port-unreachable from the server itself would say.
     */
    @Test
    void anIcmpProhibitedFromARouterIsABlockOnThePathNotTheServer() throws Exception {
        Path lab = Path.of(RealAttemptsTest.class.getResource("/lab/udp500-rejected-admin-prohibited").toURI());
        List<Evidence> client = new java.util.ArrayList<>();
        for (String f : List.of("client-outer.pcap", "client-charon.log", "client-ipsec-up.txt", "client-statusall.txt")) {
            client.add(Evidence.file(lab.resolve(f)).withSide(Side.CLIENT));
        }
        Diagnosis d = ScenarioSuite.ENGINE.diagnose(EvidenceBundle.of(client));
        assertThat(d.topCause()).hasValueSatisfying(c -> {
            assertThat(c.id()).isEqualTo("IKE_UDP500_BLOCKED");
            assertThat(c.evidence()).anySatisfy(e -> assertThat(e.summary()).contains("code 13"));
        });
        assertThat(d.causes()).filteredOn(c -> c.id().equals("IPSEC_SERVICE_STOPPED") || c.id().equals("SERVER_NO_IPSEC_POLICY"))
                .allSatisfy(c -> assertThat(c.confidence()).isLessThan(0.1));
    }

    @Test
    void oneAttemptPerServerTheClientTalkedTo() throws Exception {
        Path capture = real("ndpi__ipsec_isakmp_esp.pcap");
        EvidenceBundle bundle = EvidenceBundle.of(Evidence.file(capture).withSide(Side.CLIENT));
        Diagnosis d = ScenarioSuite.ENGINE.diagnose(bundle);

        Set<String> expected = new TreeSet<>();
        for (String line : Files.readAllLines(real("ndpi__ipsec_isakmp_esp.pcap.pairs"))) {
            String[] f = line.split(" ");
            expected.add(f[0].equals("192.168.2.100") ? f[1] : f[0]);
        }
        assertThat(expected).hasSize(9);
        assertThat(d.attempts()).hasSize(expected.size());
        assertThat(d.attempts()).allSatisfy(a -> {
            assertThat(a.clients()).containsExactly("192.168.2.100");
            assertThat(a.servers()).hasSize(1);
            assertThat(a.sides()).containsExactly(Side.CLIENT);
            assertThat(a.facts()).isPositive();
        });
        assertThat(d.attempts().stream().map(a -> a.servers().get(0)).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(d.attempts()).filteredOn(ConnectionAttempt::diagnosed).hasSize(1);
        // Started in time order, named in that order.
        List<ConnectionAttempt> all = d.attempts();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).start()).isAfterOrEqualTo(all.get(i - 1).start());
            assertThat(all.get(i).id()).isEqualTo("attempt-" + (i + 1));
        }
        // Each attempt can be diagnosed on its own, by its server's address.
        for (String server : expected) {
            Diagnosis one = ScenarioSuite.ENGINE.diagnose(bundle, server, ProgressListener.NONE);
            assertThat(one.diagnosedAttempt()).hasValueSatisfying(a -> assertThat(a.servers()).containsExactly(server));
        }
    }
}
