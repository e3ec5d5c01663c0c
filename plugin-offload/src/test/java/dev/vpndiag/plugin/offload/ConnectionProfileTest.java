package dev.vpndiag.plugin.offload;

import static dev.vpndiag.plugin.offload.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.AuthMethod;
import dev.vpndiag.api.fact.ConnectionProfile;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.testing.ProviderRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** VPN connection settings: Windows phonebook and Get-VpnConnection, strongSwan ipsec.conf and swanctl.conf. */
class ConnectionProfileTest {
    private static final AuthMethod CERT = AuthMethod.CERTIFICATE;
    private static final AuthMethod PSK = AuthMethod.PRE_SHARED_KEY;
    private static final AuthMethod EAP = AuthMethod.EAP;
    private static final AuthMethod UNKNOWN = AuthMethod.UNKNOWN;

    private static ConnectionProfile profile(String f, String locator, String name, String tunnel, String peer,
                                             String peerId, String localId, AuthMethod local, AuthMethod remote) {
        return new ConnectionProfile(ref(f, locator), Side.CLIENT, null, name, tunnel, peer, peerId, localId, local, remote);
    }

    @Test
    void phonebookVpnEntries() {
        String f = "fixtures/rasphone-pbk__win10-22h2.pbk";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        // the PPPoE entry (Type=5) dials no VPN server and gives nothing
        assertThat(run.factsBesidesPlatform()).containsExactly(
                profile(f, "lines 2-147", "Office VPN", "L2TP", "vpn.example.com", null, null, CERT, CERT),
                profile(f, "lines 149-188", "Lab L2TP PSK", "L2TP", "203.0.113.5", null, null, PSK, PSK),
                profile(f, "lines 190-230", "Contoso IKEv2", "IKEv2", "gw.contoso.example", ConnectionProfile.ANY, null,
                        EAP, CERT));
    }

    @Test
    void phonebookStrategiesAndPresharedKeyField() {
        String pbk = "[A]\r\nType=2\r\nVpnStrategy=%s\r\nIpSecFlags=0\r\nPreSharedKey=%s\r\n\r\nDEVICE=vpn\r\nPhoneNumber=10.0.0.1\r\n";
        String[][] cases = {{"0", "", "Automatic"}, {"2", "", "PPTP"}, {"4", "", "L2TP"}, {"6", "", "SSTP"},
            {"8", "", "IKEv2"}, {"14", "", "IKEv2"}, {"13", "k3y", "L2TP"}};
        for (String[] c : cases) {
            ProviderRun run = Fixtures.bytes("rasphone.pbk", String.format(pbk, c[0], c[1]).getBytes(StandardCharsets.US_ASCII));
            assertThat(run.factsBesidesPlatform()).as("VpnStrategy=%s", c[0]).singleElement().isInstanceOfSatisfying(ConnectionProfile.class,
                    p -> {
                        assertThat(p.tunnelType()).isEqualTo(c[2]);
                        assertThat(p.peerAddress()).isEqualTo("10.0.0.1");
                    });
        }
        // a key in PreSharedKey means a pre-shared key, and the key never reaches a fact
        ProviderRun psk = Fixtures.bytes("rasphone.pbk", String.format(pbk, "3", "k3y").getBytes(StandardCharsets.US_ASCII));
        assertThat(psk.factsOf(ConnectionProfile.class)).singleElement()
                .satisfies(p -> assertThat(p.peerAuthMethod()).isEqualTo(PSK));
        assertThat(psk.factsBesidesPlatform().toString()).doesNotContain("k3y");
    }

    @Test
    void otherIniFilesAreNotPhonebooks() {
        String xl2tpd = "[global]\nport = 1701\n[lac labvpn]\nlns = 203.0.113.2\nname=client01\n";
        ProviderRun run = Fixtures.bytes("xl2tpd.conf", xl2tpd.getBytes(StandardCharsets.US_ASCII));
        assertThat(run.sniffScore()).isEqualTo(FactProvider.NO_MATCH);
        assertThat(run.factsBesidesPlatform()).isEmpty();
        assertThat(run.problems()).extracting(p -> p.message()).containsExactly("5 line(s) not understood (first at line 1)");
    }

    @Test
    void getVpnConnectionListView() {
        String f = "fixtures/get-vpnconnection__win10-22h2.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(
                profile(f, "line 5", "Office VPN", "L2TP", "vpn.example.com", null, null, CERT, CERT),
                profile(f, "line 21", "Lab L2TP PSK", "L2TP", "203.0.113.5", null, null, PSK, PSK),
                profile(f, "line 42", "Contoso Device Tunnel", "IKEv2", "gw.contoso.example", null, null, CERT, CERT),
                // Automatic: the tunnel (and with it how the server proves itself) is chosen when dialling
                profile(f, "line 58", "Branch Auto", "Automatic", "198.51.100.20", null, null, UNKNOWN, UNKNOWN));
    }

    @Test
    void ipsecConfWithDefaultsAlsoChainsAndTemplates() {
        String f = "fixtures/ipsec-conf__strongswan-5.9-client.conf";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        String client = "C=DE, O=Example Corp, CN=client01.corp.example";
        assertThat(run.factsBesidesPlatform()).containsExactly(
                // also=office-base gives the identities; %default gives IKEv1 and pubkey; the comment after right= is dropped
                profile(f, "lines 21-28", "office-l2tp", "L2TP", "vpn.example.com", "@vpn.example.com", client, CERT, CERT),
                profile(f, "lines 30-38", "lab-psk", "L2TP", "203.0.113.5", ConnectionProfile.ANY, null, PSK, PSK),
                // two also= sections: the later one (ikev2-eap) overrides %default's keyexchange; own settings win;
                // %gw.example.net is the first single address of the list; auto=start undoes the templates' ignore
                profile(f, "lines 40-46", "roadwarrior", "IKEv2", "gw.example.net", "C=DE, O=Example Corp, CN=gw.example.net",
                        client, EAP, CERT));
    }

    @Test
    void ipsecConfOfTheLabRuns() {
        String c = "corpus/ipsec-conf__lab-strongswan-5.9.8-client.conf";
        ProviderRun client = Fixtures.run(c);
        assertThat(client.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(client.problems()).isEmpty();
        assertThat(client.factsBesidesPlatform()).containsExactly(profile(c, "lines 5-23", "l2tp", "L2TP", "203.0.113.2",
                "C=XX, O=L2TP Lab, CN=vpn.lab.example", null, CERT, CERT));
        String s = "corpus/ipsec-conf__lab-strongswan-5.9.8-server.conf";
        ProviderRun server = Fixtures.run(s);
        assertThat(server.problems()).isEmpty();
        // the server accepts any peer (right=%any): no address, no identity required
        assertThat(server.factsBesidesPlatform()).containsExactly(profile(s, "lines 4-20", "l2tp", "L2TP", null, null, null, CERT, CERT));
    }

    @Test
    void ipsecConfBrokenAlsoChainsAreReportedWithTheirLine() {
        String conf = """
                conn a
                    also=b
                    right=vpn.example.com
                conn b
                    also=a
                conn c
                    also=nowhere
                    right=10.0.0.1
                conn d
                    right=10.0.0.2
                """;
        ProviderRun run = Fixtures.bytes("ipsec.conf", conf.getBytes(StandardCharsets.US_ASCII));
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.factsOf(ConnectionProfile.class)).extracting(ConnectionProfile::name).containsExactly("d");
        assertThat(run.problems()).extracting(p -> p.locator() + ": " + p.message()).containsExactly(
                "line 5: conn b: also=a includes itself in a loop",
                "line 7: conn c: also=nowhere names no conn section");
    }

    @Test
    void swanctlConfWithReferencesAndRounds() {
        String f = "fixtures/swanctl-conf__strongswan-5.9.conf";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(
                // a remote id left out accepts any identity
                profile(f, "lines 5-13", "gw-base", "IKEv2", null, ConnectionProfile.ANY, "client01@corp.example", CERT, CERT),
                profile(f, "lines 15-27", "office", "IKEv2", "vpn.example.com", "C=DE, O=Example Corp, CN=vpn.example.com",
                        "client01@corp.example", CERT, CERT),
                profile(f, "lines 29-45", "l2tp-lab", "L2TP", "192.0.2.44", ConnectionProfile.ANY, null, PSK, PSK),
                // round 1 of the local side is the one named local; %any in remote_addrs is skipped
                profile(f, "lines 47-61", "eap-client", "IKEv2", "gw.example.net", "@gw.example.net", "alice", EAP, CERT));
        assertThat(run.factsBesidesPlatform().toString()).doesNotContain("not a real key");
    }

    @Test
    void swanctlConfUnclosedSectionAndBadReference() {
        String conf = """
                connections {
                    a : connections.missing {
                        remote_addrs = 10.0.0.1
                    }
                    b {
                        remote_addrs = 10.0.0.2
                        this line is not a setting
                """;
        ProviderRun run = Fixtures.bytes("swanctl.conf", conf.getBytes(StandardCharsets.US_ASCII));
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.factsOf(ConnectionProfile.class)).extracting(ConnectionProfile::name, ConnectionProfile::peerAddress)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b", "10.0.0.2"));
        assertThat(run.problems()).extracting(p -> p.locator() + ": " + p.message()).containsExactly(
                "line 1: section connections is not closed before the end",
                "line 2: section connections.a refers to connections.missing, which is not in the file",
                "line 7: 1 line(s) not understood (first at line 7)");
    }

    @Test
    void manyConnectionsStayBounded() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            b.append("conn c").append(i).append("\n    also=c").append(i + 1).append("\n    right=10.0.").append(i % 250)
                    .append(".1\n");
        }
        b.append("conn c5000\n    right=192.0.2.1\n");
        ProviderRun run = Fixtures.bytes("big.conf", b.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(run.failure()).isEmpty();
        assertThat(run.problems()).extracting(p -> p.message()).first().asString()
                .contains("more than 4096 conn sections");
        // a long also= chain is resolved without running out of stack; the cut-off tail breaks it at c4095
        assertThat(run.factsOf(ConnectionProfile.class)).isEmpty();
    }

    @Test
    void binaryTailStopsWithAFormatErrorAfterTheConnectionsRead() throws Exception {
        byte[] head = Files.readAllBytes(Fixtures.ROOT.resolve("corpus/ipsec-conf__lab-strongswan-5.9.8-client.conf"));
        ProviderRun run = Fixtures.bytes("ipsec.conf", Fixtures.withBinaryTail(head, 2048, 3));
        assertThat(run.failure()).containsInstanceOf(EvidenceFormatException.class);
        assertThat(((EvidenceFormatException) run.failure().orElseThrow()).locator()).matches("line \\d+, byte \\d+");
        assertThat(run.factsOf(ConnectionProfile.class)).extracting(ConnectionProfile::ref)
                .containsExactly(EvidenceRef.of("ipsec.conf", "lines 5-23"));
    }
}
