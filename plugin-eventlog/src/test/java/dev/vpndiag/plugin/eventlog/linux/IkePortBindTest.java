package dev.vpndiag.plugin.eventlog.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.fact.ServiceState;
import dev.vpndiag.testing.ProviderRun;
import org.junit.jupiter.api.Test;

/**
 * An IKE daemon that runs but cannot listen on an IKE port, because another process holds it, in the
 * words of libreswan's pluto (before 4.x "bind() for IF ADDR:PORT in process_raw_ifaces(). Errno N: TEXT",
 * also with a whack status code in front; programs/pluto/iface.c today "bind IF UDP endpoint ADDR:PORT
 * failed, bind(): TEXT (errno N)") and strongSwan's socket plugin ("unable to bind socket: %s").
 */
class IkePortBindTest {
    @Test
    void plutoSaysWhichPortItCannotBind() {
        for (String line : new String[] {
            "003 ERROR: bind() for ens192 172.110.185.40:4500 in process_raw_ifaces(). Errno 98: Address already in use",
            "ERROR: bind() for eth0 192.0.2.1:500 in process_raw_ifaces(). Errno 98: Address already in use",
            "Sep 17 07:04:13 gw pluto[812]: ERROR: bind() for eth0 192.0.2.1:4500 in process_raw_ifaces(). Errno 98: Address already in use",
            "Sep 17 07:04:13 gw pluto[812]: ERROR: bind eth0 UDP endpoint 192.0.2.1:4500 failed, bind(): Address already in use (errno 98)"}) {
            ProviderRun run = LinuxLogRuns.read("pluto.log", line + "\n");
            assertThat(run.factsOf(ServiceState.class)).as(line).singleElement().satisfies(s -> {
                assertThat(s.running()).isFalse();
                assertThat(s.service()).matches("IKE on UDP (500|4500)");
                assertThat(s.state()).contains("Address already in use");
            });
        }
    }

    @Test
    void charonsSocketPluginCannotBind() {
        ProviderRun run = LinuxLogRuns.read("charon.log",
                "Mar  3 10:00:00 gw charon: 00[NET] unable to bind socket: Address already in use\n");
        assertThat(run.factsOf(ServiceState.class)).singleElement().satisfies(s -> {
            assertThat(s.service()).isEqualTo("IKE on UDP 500 or 4500");
            assertThat(s.running()).isFalse();
        });
    }

    @Test
    void anotherProgramsBindErrorIsNotOurs() {
        ProviderRun run = LinuxLogRuns.read("other.log",
                "Mar  3 10:00:00 gw dnsmasq[77]: failed to create listening socket for port 53: Address already in use\n");
        assertThat(run.factsOf(ServiceState.class)).isEmpty();
    }
}
