package dev.vpndiag.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.fact.ConnectionProfile;
import dev.vpndiag.api.spi.ContentHead;
import dev.vpndiag.api.spi.FactProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import dev.vpndiag.testing.ProviderRun;
import org.junit.jupiter.api.Test;

/**
 * VPN connection settings go to the offload provider by their content (never by their name), and
 * the sniffs that recognise them take no file another provider reads: every file of the lab runs
 * and of the scenarios keeps its reader.
 */
class ProfileSniffTest {
    private static final List<FactProvider> PROVIDERS = ServiceLoader.load(FactProvider.class).stream()
            .map(ServiceLoader.Provider::get).toList();

    /** Every provider's score for the content, by id; zero scores left out. */
    private static Map<String, Integer> scores(String name, byte[] content, long size) {
        ContentHead h = new ContentHead(name, content, size);
        return PROVIDERS.stream().filter(p -> p.sniff(h) > FactProvider.NO_MATCH)
                .collect(Collectors.toMap(FactProvider::id, p -> p.sniff(h), (a, b) -> a, LinkedHashMap::new));
    }

    private static Map<String, Integer> scores(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return scores("settings.txt", b, b.length);
    }

    @Test
    void connectionSettingsAreTheOffloadProvidersAlone() {
        String pbk = "[Office VPN]\r\nEncoding=1\r\nPBVersion=6\r\nType=2\r\nVpnStrategy=3\r\n\r\nDEVICE=vpn\r\nPhoneNumber=vpn.example.com\r\n";
        String ipsecConf = "# ipsec.conf\nconfig setup\n    uniqueids=no\n\nconn office\n    # the gateway\n    right=vpn.example.com\n    auto=add\n";
        String swanctl = "connections {\n    office {\n        remote_addrs = vpn.example.com\n        remote {\n            auth = pubkey\n        }\n    }\n}\n";
        String vpnConnection = "Name                  : Office VPN\r\nServerAddress         : vpn.example.com\r\nAllUserConnection     : False\r\n"
                + "Guid                  : {3B6F0E21-A9C8-4D4F-8E1C-5A7D2F0B9C11}\r\nTunnelType            : L2tp\r\n";
        for (String text : List.of(pbk, ipsecConf, swanctl, vpnConnection)) {
            assertThat(scores(text)).as(text).containsExactly(Map.entry("offload", FactProvider.STRONG_MATCH));
        }
    }

    @Test
    void otherConfigurationTextIsNotTakenForConnectionSettings() {
        // xl2tpd.conf is INI too; strongswan.conf has braces but no connections section
        assertThat(scores("[global]\nport = 1701\n[lac labvpn]\nlns = 203.0.113.2\n")).isEmpty();
        assertThat(scores("charon {\n  load = random nonce aes\n  filelog {\n    lab {\n      path = /tmp/charon.log\n    }\n  }\n}\n"))
                .isEmpty();
    }

    @Test
    void everyLabAndScenarioFileKeepsItsReader() throws IOException, URISyntaxException {
        Path resources = Path.of(ProfileSniffTest.class.getResource("/lab/EXPECT.json").toURI()).getParent().getParent();
        List<Path> files;
        try (Stream<Path> s = Files.walk(resources)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".class")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(100);
        for (Path file : files) {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(ContentHead.SIZE);
            }
            Map<String, Integer> scores = scores(file.getFileName().toString(), head, Files.size(file));
            if (file.getFileName().toString().equals("rasphone.pbk")) {
                assertThat(scores).as("%s", file).containsExactly(Map.entry("offload", FactProvider.STRONG_MATCH));
            } else if (scores.containsKey("offload")) {
                // Host-state files (registry exports, offload and service outputs) are the offload
                // provider's own; none of them may be read as connection settings.
                FactProvider offload = PROVIDERS.stream().filter(p -> p.id().equals("offload")).findFirst().orElseThrow();
                assertThat(ProviderRun.of(offload, file).facts()).as("%s", resources.relativize(file))
                        .noneMatch(f -> f instanceof ConnectionProfile);
            }
        }
    }
}
