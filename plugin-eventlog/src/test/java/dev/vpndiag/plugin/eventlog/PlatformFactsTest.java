package dev.vpndiag.plugin.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.HostPlatform;
import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.plugin.eventlog.linux.LinuxLogProvider;
import dev.vpndiag.plugin.eventlog.windows.WindowsEventLogProvider;
import dev.vpndiag.testing.ProviderRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each log states once which software wrote it, at the first line that showed it, and nothing when it cannot tell. */
class PlatformFactsTest {
    private static final Path LINUX = Path.of("src/test/resources/linux");
    private static final Path WINDOWS = Path.of("src/test/resources/windows");

    private static List<Platform> linux(String file, Side side) {
        return ProviderRun.of(new LinuxLogProvider(), Evidence.file(LINUX.resolve(file)).withSide(side))
                .factsOf(HostPlatform.class).stream().map(HostPlatform::platform).toList();
    }

    @Test
    void aCharonLogIsStrongSwansOnce() {
        ProviderRun run = ProviderRun.of(new LinuxLogProvider(), Evidence.file(LINUX.resolve("lab/healthy-null/server-charon.log"))
                .withSide(Side.SERVER));
        assertThat(run.factsOf(HostPlatform.class)).singleElement().satisfies(p -> {
            assertThat(p.platform()).isEqualTo(Platform.STRONGSWAN);
            assertThat(p.side()).isEqualTo(Side.SERVER);
            assertThat(p.time()).isNull();
            assertThat(p.ref().source()).isEqualTo("server-charon.log");
            assertThat(p.ref().locator()).startsWith("line ");
        });
    }

    @Test
    void eachDaemonOfItsOwnLog() {
        assertThat(linux("lab/healthy-null/client-statusall.txt", Side.CLIENT)).containsExactly(Platform.STRONGSWAN);
        // xl2tpd's log carries the pppd it started ("/usr/sbin/pppd: Please load the ppp_generic kernel module.")
        assertThat(linux("lab/healthy-null/client-xl2tpd.log", Side.CLIENT)).containsExactly(Platform.XL2TPD, Platform.PPPD);
        assertThat(linux("lab/healthy-null/client-pppd.log", Side.CLIENT)).containsExactly(Platform.PPPD);
        assertThat(linux("fixtures/pluto-libreswan-3.32.log", Side.SERVER)).containsExactly(Platform.LIBRESWAN);
    }

    @Test
    void aSyslogHoldingSeveralDaemonsNamesEach() {
        assertThat(linux("fixtures/journal-json-mixed.log", Side.CLIENT)).contains(Platform.STRONGSWAN);
    }

    @Test
    void macOsLogsAreMacOs() {
        assertThat(linux("fixtures/macos-ppp-ipsec-no-answer.log", Side.CLIENT)).contains(Platform.MACOS);
    }

    @Test
    void aWindowsEventExportIsWindowsOnce() {
        ProviderRun run = ProviderRun.of(new WindowsEventLogProvider(),
                Evidence.file(WINDOWS.resolve("scenario/client-security-vista.xml")).withSide(Side.CLIENT));
        assertThat(run.factsOf(HostPlatform.class)).singleElement().satisfies(p -> {
            assertThat(p.platform()).isEqualTo(Platform.WINDOWS);
            assertThat(p.side()).isEqualTo(Side.CLIENT);
        });
        assertThat(run.facts().get(0)).isInstanceOf(HostPlatform.class);
    }

    @Test
    void aLogWithNothingOfOursNamesNoSoftware() {
        ProviderRun run = ProviderRun.of(new LinuxLogProvider(), Evidence.bytes("other.log",
                "Jan  1 00:00:01 host sshd[12]: Accepted publickey for root\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .withSide(Side.CLIENT));
        assertThat(run.factsOf(HostPlatform.class)).isEmpty();
    }
}
