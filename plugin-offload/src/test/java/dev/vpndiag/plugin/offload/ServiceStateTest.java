package dev.vpndiag.plugin.offload;

import static dev.vpndiag.plugin.offload.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.ServiceState;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.testing.ProviderRun;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServiceStateTest {

    private static ServiceState state(String f, String locator, Instant time, String name, boolean running,
                                      String state) {
        return new ServiceState(ref(f, locator), Side.CLIENT, time, name, running, state);
    }

    @Test
    void scQueryEnglish() {
        String f = "fixtures/sc-query__win10-en-US.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(
                state(f, "line 6", null, "PolicyAgent", true, "RUNNING"),
                state(f, "line 17", null, "IKEEXT", false, "STOPPED"),
                state(f, "line 29", null, "RemoteAccess", false, "START_PENDING"));
    }

    @Test
    void scQueryWithGermanKeyNames() {
        String f = "fixtures/sc-query__win7-de-DE.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(state(f, "line 5", null, "PolicyAgent", false, "STOPPED"));
    }

    @Test
    void getServiceTableAndList() {
        String f = "fixtures/get-service__ws2016.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.WEAK_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(
                state(f, "line 6", null, "PolicyAgent", true, "Running"),
                state(f, "line 7", null, "IKEEXT", false, "Stopped"),
                state(f, "line 8", null, "RemoteAccess", true, "Running"),
                state(f, "line 13", null, "IKEEXT", false, "Stopped"));
    }

    @Test
    void systemctlStatusOfSystemd252() {
        String f = "fixtures/systemctl-status__systemd-252-debian12.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(
                state(f, "line 4", Instant.parse("2026-11-23T13:38:12Z"), "strongswan-starter", true,
                        "active (running)"),
                state(f, "line 18", Instant.parse("2026-11-23T13:38:13Z"), "xl2tpd", false,
                        "failed (Result: exit-code)"));
    }

    @Test
    void systemctlStatusOfSystemd219WithoutBullet() {
        String f = "fixtures/systemctl-status__systemd-219-centos7.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.WEAK_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(state(f, "line 4", null, "strongswan", false, "inactive (dead)"));
    }

    @Test
    void missingUnitIsNotRunning() {
        ProviderRun run = Fixtures.bytes("s.txt", "Unit xl2tpd.service could not be found.\n".getBytes());
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.factsBesidesPlatform()).containsExactly(new ServiceState(dev.vpndiag.api.fact.EvidenceRef.of("s.txt", "line 1"),
                Side.SERVER, null, "xl2tpd", false, "not-found"));
    }
}
