package dev.vpndiag.plugin.offload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.spi.FactProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    @Test
    void providerIsFoundByServiceLoader() {
        assertThat(ServiceLoader.load(FactProvider.class).stream().map(p -> p.get().id()))
                .contains("offload");
    }

    @Test
    void providerNamesItsFormats() {
        assertThat(new OffloadProvider().formats()).contains("ethtool -k", "reg query", "sc query",
                "netsh ipsec dynamic show stats", "Get-NetAdapterIPsecOffload");
    }
}
