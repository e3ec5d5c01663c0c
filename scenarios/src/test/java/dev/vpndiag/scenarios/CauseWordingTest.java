package dev.vpndiag.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.RankedCause;
import dev.vpndiag.core.BundleReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A cause's title and advice follow what the evidence shows: ESP blocked while it travels in UDP 4500
 * (the real captures of {@code samples/real-esp-blocked}) is a UDP 4500 firewall rule to change, not IP
 * protocol 50 (the raw ESP of {@code samples/esp-blocked}).
 */
class CauseWordingTest {
    private static RankedCause espBlocked(String sample) {
        RankedCause top = ScenarioSuite.ENGINE.diagnose(new BundleReader().open(Path.of("..", "samples", sample), null))
                .topCause().orElseThrow();
        assertThat(top.id()).isEqualTo("ESP_BLOCKED");
        return top;
    }

    @Test
    void espInUdpIsAdvisedAsUdp4500() {
        RankedCause c = espBlocked("real-esp-blocked");
        assertThat(c.title()).contains("UDP 4500");
        assertThat(c.remediation().get(0)).contains("UDP 4500").doesNotStartWith("Permit IP protocol 50");
    }

    @Test
    void rawEspIsAdvisedAsProtocol50() {
        RankedCause c = espBlocked("esp-blocked");
        assertThat(c.title()).contains("IP protocol 50");
        assertThat(c.remediation().get(0)).contains("IP protocol 50");
    }
}
