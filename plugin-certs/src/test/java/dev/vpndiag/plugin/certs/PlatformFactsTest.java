package dev.vpndiag.plugin.certs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.fact.HostPlatform;
import dev.vpndiag.api.fact.Platform;
import org.junit.jupiter.api.Test;

/** A certutil or PowerShell listing is a Windows store; a PEM file could come from any host. */
class PlatformFactsTest {
    @Test
    void certutilDumpIsWindows() {
        assertThat(CertsProviderTest.run("dumps/certutil-store-v-my.txt", null).factsOf(HostPlatform.class))
                .extracting(HostPlatform::platform).containsExactly(Platform.WINDOWS);
        assertThat(CertsProviderTest.run("dumps/powershell-localmachine-my.txt", null).factsOf(HostPlatform.class))
                .extracting(HostPlatform::platform).containsExactly(Platform.WINDOWS);
    }

    @Test
    void aPemCertificateNamesNoSoftware() {
        assertThat(CertsProviderTest.run("lab/healthy-null/client-store/certs/client.crt", null)
                .factsOf(HostPlatform.class)).isEmpty();
    }
}
