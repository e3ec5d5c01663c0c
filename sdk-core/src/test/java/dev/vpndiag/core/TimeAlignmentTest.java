package dev.vpndiag.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Citation;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.RankedCause;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.CaptureSummary;
import dev.vpndiag.api.fact.EspFlow;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.HostClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Never reached the other side" is only said of a capture that ran, in true time, while the packets were sent. */
class TimeAlignmentTest {
    private static final Instant T = Facts.T0;

    private static CaptureSummary serverCapture(Instant start) {
        return new CaptureSummary(EvidenceRef.of("gw.pcap", "frames 1-500"), Side.SERVER, start, start.plusSeconds(90),
                500, 0, 0, 0);
    }

    private static List<String> espBlockedSources(Fact... more) {
        List<Fact> facts = new ArrayList<>(Facts.ipsecUp());
        facts.add(new EspFlow(EvidenceRef.of("outer.pcap", "frames 20-45"), Side.CLIENT, T.plusSeconds(3), Facts.CLIENT,
                Facts.SERVER, 0xcafe0001L, 25, 3500, false, false, T.plusSeconds(33)));
        facts.addAll(List.of(more));
        Diagnosis d = EngineHolder.ENGINE.diagnose(Facts.bundle(facts));
        RankedCause esp = d.causes().stream().filter(c -> c.id().equals("ESP_BLOCKED")).findFirst().orElseThrow();
        return esp.evidence().stream().map(Citation::source).toList();
    }

    @Test
    void aServerCaptureRunningAtTheTimeSaysTheEspNeverArrived() {
        assertThat(espBlockedSources(serverCapture(T.minusSeconds(10)))).contains("gw.pcap");
    }

    @Test
    void aServerCaptureTakenAnHourLaterSaysNothingAboutIt() {
        assertThat(espBlockedSources(serverCapture(T.plus(Duration.ofHours(1))))).doesNotContain("gw.pcap");
    }

    @Test
    void theServerClockOffsetIsAppliedBeforeComparing() {
        // The server's clock is an hour behind: its capture's recorded times are an hour early.
        HostClock slow = new HostClock(EvidenceRef.of("date.txt", "line 1"), Side.SERVER, T, T.minus(Duration.ofHours(1)), T);
        CaptureSummary recorded = serverCapture(T.minusSeconds(10).minus(Duration.ofHours(1)));
        assertThat(espBlockedSources(recorded, slow)).contains("gw.pcap");
        assertThat(espBlockedSources(recorded)).doesNotContain("gw.pcap");
    }
}
