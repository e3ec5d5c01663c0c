package dev.vpndiag.plugin.offload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.fact.HostPlatform;
import dev.vpndiag.api.fact.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each command's output says whose software it is, once per file; output any host prints says nothing. */
class PlatformFactsTest {
    private static List<Platform> platforms(String fixture) {
        return Fixtures.run("fixtures/" + fixture).factsOf(HostPlatform.class).stream().map(HostPlatform::platform).toList();
    }

    @Test
    void windowsCommands() {
        assertThat(platforms("netsh-ipsec-dynamic-show-stats__ws2003-two-snapshots.txt")).containsExactly(Platform.WINDOWS);
        assertThat(platforms("reg-query__win10.txt")).containsExactly(Platform.WINDOWS);
        assertThat(platforms("sc-query__win7-de-DE.txt")).containsExactly(Platform.WINDOWS);
        assertThat(platforms("get-netadapteripsecoffload__ws2019-table.txt")).containsExactly(Platform.WINDOWS);
        assertThat(platforms("rasphone-pbk__win10-22h2.pbk")).containsExactly(Platform.WINDOWS);
    }

    @Test
    void linuxCommands() {
        assertThat(platforms("ethtool-k__ethtool-2.6.33-offload-parameters.txt")).containsExactly(Platform.LINUX);
        assertThat(platforms("systemctl-status__systemd-252-debian12.txt")).containsExactly(Platform.LINUX);
        assertThat(platforms("swanctl-conf__strongswan-5.9.conf")).containsExactly(Platform.STRONGSWAN);
    }

    @Test
    void aDateLineNamesNoSoftware() {
        assertThat(platforms("date__cet-zone.txt")).isEmpty();
    }

    @Test
    void twoSnapshotsOfOneCommandStateItOnce() {
        assertThat(Fixtures.run("fixtures/netsh-ipsec-dynamic-show-stats__ws2003-two-snapshots.txt")
                .factsOf(HostPlatform.class)).singleElement()
                .satisfies(p -> assertThat(p.ref().locator()).startsWith("line "));
    }
}
