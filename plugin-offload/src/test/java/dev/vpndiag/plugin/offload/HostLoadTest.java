package dev.vpndiag.plugin.offload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.fact.HostLoad;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.testing.ProviderRun;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** CPU load from real top and mpstat output and typeperf's documented layout: busy share = 100 - idle. */
class HostLoadTest {

    @Test
    void topBatchOutputGivesOneSamplePerFrameAndSwallowsTheProcessTable() {
        ProviderRun busy = Fixtures.run("corpus/top-b-n2__procps-debian12-busy.txt");
        assertThat(busy.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(busy.problems()).isEmpty();
        assertThat(busy.factsOf(HostLoad.class)).extracting(HostLoad::cpuPercent).containsExactly(100.0, 100.0);
        assertThat(busy.factsOf(HostLoad.class)).extracting(l -> l.ref().locator()).containsExactly("line 3", "line 93");

        ProviderRun quiet = Fixtures.run("corpus/top-b-n2__procps-debian12-quiet.txt");
        assertThat(quiet.problems()).isEmpty();
        assertThat(quiet.factsOf(HostLoad.class)).extracting(HostLoad::cpuPercent).containsExactly(50.0, 0.0);
    }

    @Test
    void mpstatAllRowsAreSamplesAndTheAverageIsNotCountedTwice() {
        ProviderRun run = Fixtures.run("corpus/mpstat-1-3__sysstat-12.6.1-busy.txt");
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsOf(HostLoad.class)).extracting(HostLoad::cpuPercent).containsExactly(100.0, 100.0, 100.0);
    }

    @Test
    void typeperfRowsAreTimedSamples() {
        ProviderRun run = Fixtures.run("fixtures/typeperf-processor-time__ws2019.csv");
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsOf(HostLoad.class)).extracting(HostLoad::cpuPercent).containsExactly(97.65625, 99.21875, 98.4375);
        assertThat(run.factsOf(HostLoad.class).get(0).time()).isEqualTo(Instant.parse("2026-12-03T14:00:01.123Z"));
    }
}
