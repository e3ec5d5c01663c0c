package dev.vpndiag.plugin.offload;

import static dev.vpndiag.plugin.offload.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.HostClock;
import dev.vpndiag.testing.ProviderRun;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostClockTest {
    private static final String F = "fixtures/date-and-w32tm__captured-header.txt";

    @Test
    void firstDateLineAgainstTheFilesCaptureHeader() {
        ProviderRun run = Fixtures.run(F);
        assertThat(run.problems()).isEmpty();
        Instant host = Instant.parse("2026-11-23T13:40:01Z");
        assertThat(run.factsBesidesPlatform()).containsExactly(
                new HostClock(ref(F, "line 3"), Side.CLIENT, host, host, Instant.parse("2026-11-23T13:45:00Z")));
        assertThat(run.factsOf(HostClock.class).get(0).offset()).isEqualTo(Duration.ofSeconds(-299));
    }

    @Test
    void capturedAtAttributeWinsOverTheHeader() {
        ProviderRun run = Fixtures.run(F, Map.of(OffloadProvider.CAPTURED_AT, "2026-11-23T12:40:01Z"));
        assertThat(run.factsOf(HostClock.class)).singleElement()
                .satisfies(c -> assertThat(c.offset()).isEqualTo(Duration.ofHours(1)));
    }

    @Test
    void noReferenceNoHostClock() {
        ProviderRun run = Fixtures.bytes("d.txt", "Mon, 23 Nov 2026 14:40:01 +0100\n".getBytes());
        assertThat(run.factsBesidesPlatform()).isEmpty();
        assertThat(run.problems()).isEmpty();
    }

    @Test
    void zoneAbbreviationsOtherThanUtcAreReportedNotGuessed() {
        ProviderRun run = Fixtures.run("fixtures/date__cet-zone.txt",
                Map.of(OffloadProvider.CAPTURED_AT, "2026-11-23T13:40:00Z"));
        assertThat(run.problems()).extracting(p -> p.locator()).containsExactly("line 2");
        assertThat(run.factsOf(HostClock.class)).singleElement().satisfies(c -> {
            assertThat(c.ref().locator()).isEqualTo("line 3");
            assertThat(c.hostTime()).isEqualTo(Instant.parse("2026-11-23T13:40:01.1234567Z"));
        });
    }

    @Test
    void badCapturedAtAttributeIsAProblem() {
        ProviderRun run = Fixtures.run(F, Map.of(OffloadProvider.CAPTURED_AT, "yesterday"));
        assertThat(run.problems()).extracting(p -> p.locator()).containsExactly("attribute capturedAt");
        // the file's own header still gives the reference
        assertThat(run.factsOf(HostClock.class)).hasSize(1);
    }
}
