package dev.vpndiag.plugin.offload;

import static dev.vpndiag.plugin.offload.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.IpsecStatistics;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.testing.ProviderRun;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IpsecStatisticsTest {

    @Test
    void twoNetshSnapshotsInOneFileGiveTwoTimedFacts() {
        String f = "fixtures/netsh-ipsec-dynamic-show-stats__ws2003-two-snapshots.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(
                new IpsecStatistics(ref(f, "lines 4-52"), Side.CLIENT, Instant.parse("2026-11-23T13:40:01Z"),
                        1234567L, 9876L, 5L, 0L, 41L, 14L, 6L, 14L, 0L, 2L),
                new IpsecStatistics(ref(f, "lines 56-70"), Side.CLIENT, Instant.parse("2026-11-23T13:41:01Z"),
                        2469134L, 9876L, 5L, 0L, 97L, 15L, 6L, 15L, 0L, 2L));
    }

    @Test
    void germanDigitGroupingIsRead() {
        String f = "fixtures/netsh-ipsec-dynamic-show-stats__ws2003-de-DE.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(new IpsecStatistics(ref(f, "lines 2-9"), Side.CLIENT, null,
                12345678L, 0L, 0L, 1024L, 0L, 3L, null, null, null, null));
    }

    @Test
    void ipseccmdOfWindowsXp() {
        String f = "fixtures/ipseccmd-show-stats__winxp-sp2.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(new IpsecStatistics(ref(f, "lines 3-50"), Side.CLIENT, null,
                20480L, 0L, 0L, 0L, 0L, 4L, 2L, 4L, 1L, 0L));
    }

    @Test
    void germanLabelsAreCountedAsUnknownLinesNotFailures() {
        String f = "fixtures/netsh-ipsec-stats__de-DE-localized-labels.txt";
        ProviderRun run = Fixtures.run(f);
        assertThat(run.failure()).isEmpty();
        assertThat(run.factsBesidesPlatform()).containsExactly(new IpsecStatistics(ref(f, "line 10"), Side.CLIENT, null,
                null, 0L, null, null, null, null, null, null, null, null));
        assertThat(run.problems()).singleElement().satisfies(p -> {
            assertThat(p.locator()).isEqualTo("line 2");
            assertThat(p.message()).startsWith("8 line(s) not understood");
        });
    }

    @Test
    void dottedLabelsAndSpaceGroupedNumbers() {
        String text = "    IP Security test . . . . . . . . . : Passed\n"
                + "        Confidential Bytes Sent . . . . . : 1\u00a0234\u00a0567\n"
                + "        Confidential Bytes Received . . . : 2 048\n"
                + "        Packets Not Authenticated . . . . : 12\n";
        ProviderRun run = Fixtures.bytes("netdiag.txt", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(run.factsOf(IpsecStatistics.class)).singleElement().satisfies(s -> {
            assertThat(s.ref().locator()).isEqualTo("lines 2-4");
            assertThat(s.confidentialBytesSent()).isEqualTo(1234567L);
            assertThat(s.confidentialBytesReceived()).isEqualTo(2048L);
            assertThat(s.packetsNotAuthenticated()).isEqualTo(12L);
        });
        assertThat(run.problems()).extracting(p -> p.locator()).containsExactly("line 1");
    }
}
