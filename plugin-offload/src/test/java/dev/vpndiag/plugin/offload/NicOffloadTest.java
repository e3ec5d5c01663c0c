package dev.vpndiag.plugin.offload;

import static dev.vpndiag.plugin.offload.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.IpsecStatistics;
import dev.vpndiag.api.fact.OffloadState;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.testing.ProviderRun;
import org.junit.jupiter.api.Test;

class NicOffloadTest {

    private static OffloadState state(String file, String locator, String adapter, boolean capable, Boolean enabled) {
        return new OffloadState(ref(file, locator), Side.CLIENT, null, adapter, capable, enabled);
    }

    @Test
    void ethtoolFeaturesOfTg3FromTheNetdevListHaveNoEspOffload() {
        String f = "corpus/ethtool-k__tg3-BCM57766__netdev-2019-10-02.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(
                state(f, "lines 1-58 (esp-hw-offload at line 52)", "eth0", false, false));
    }

    @Test
    void greppedEthtoolLinesTakeTheAdapterFromTheEchoedCommand() {
        String f = "corpus/ethtool-k-grep-esp__netdevsim-patch.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.WEAK_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(
                state(f, "lines 3-5 (esp-hw-offload at line 4)", "eni0np1", true, true),
                state(f, "lines 8-10 (esp-hw-offload at line 9)", "eni0np1", true, true));
    }

    @Test
    void oldEthtoolOffloadParametersSayNothingAboutEsp() {
        String f = "fixtures/ethtool-k__ethtool-2.6.33-offload-parameters.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(state(f, "lines 3-11", "eth0", false, null));
    }

    @Test
    void ethtoolStatisticsGiveIpsecCountersOfTheNic() {
        String f = "fixtures/ethtool-S__mlx5-kernel-5.15.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(new IpsecStatistics(ref(f, "lines 3-16"), Side.CLIENT, null,
                1523200L, 1536000L, null, 37L, null, null, null, null, null, null));
    }

    @Test
    void netshOffloadOnWindowsXpListsIpsecCapability() {
        String f = "fixtures/netsh-int-ip-show-offload__winxp-sp3.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(
                state(f, "lines 4-10", "Local Area Connection", true, null),
                state(f, "lines 12-14", "Wireless Network Connection", false, null));
    }

    @Test
    void netshIpv4OffloadOnWindows10() {
        String f = "fixtures/netsh-int-ipv4-show-offload__win10-22h2.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.WEAK_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(
                state(f, "line 3", "Loopback Pseudo-Interface 1", false, null),
                state(f, "lines 6-14", "Ethernet 2", false, null),
                state(f, "lines 16-21", "Ethernet", true, null));
    }

    @Test
    void ipsecOffloadCmdletAsList() {
        String f = "fixtures/get-netadapteripsecoffload__ws2012r2-list.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.WEAK_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(
                state(f, "line 4", "Ethernet", true, true),
                state(f, "line 16", "Ethernet 2", true, false));
    }

    @Test
    void ipsecOffloadCmdletAsTable() {
        String f = "fixtures/get-netadapteripsecoffload__ws2019-table.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.WEAK_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(
                state(f, "line 6", "Ethernet", true, true),
                state(f, "line 7", "Ethernet 2", true, false));
    }

    @Test
    void advancedPropertyIpsecOffloadRowsOnly() {
        String f = "fixtures/get-netadapteradvancedproperty__ws2016.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.WEAK_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(
                state(f, "line 8", "Ethernet", true, true),
                state(f, "line 11", "Ethernet 2", true, false));
    }
}
