package dev.vpndiag.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.EvidenceRequest;
import dev.vpndiag.api.RankedCause;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.HostPlatform;
import dev.vpndiag.core.BundleReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Advice and the evidence asked for next speak the software the evidence comes from: no {@code netsh},
 * registry or event log for a strongSwan/xl2tpd lab run; no {@code systemctl} or charon log for a
 * Windows client's events; and the general wording, naming both, when nothing tells.
 */
class PlatformWordingTest {
    /** Commands, files and places only Windows has. */
    private static final Pattern WINDOWS_ONLY = Pattern.compile(
            "netsh|HKLM|EnableOffload|certutil -store|sc query|Security event log|RasClient|Routing and Remote Access"
                    + "|w32tm|pktmon|typeperf|rasphone|Get-VpnConnection|local computer store");
    /** Commands and files only Linux IKE and L2TP daemons have. */
    private static final Pattern LINUX_ONLY = Pattern.compile(
            "statusall|swanctl|systemctl|charon|pluto|/etc/|ethtool|xfrm|tcpdump|chap-secrets|options\\.xl2tpd");

    /**
     * What the diagnosis tells the sides whose software the run's evidence shows (the sides with a
     * {@link HostPlatform} fact): requests to those sides, and with both sides shown, the remediation
     * of the leading causes. A side without such evidence may run anything, so it is asked in words
     * naming both, and advice for it covers both.
     */
    private static List<String> toKnownSides(LabRuns.Run run, Diagnosis d) {
        Set<Side> known = ScenarioSuite.ENGINE.extractFacts(run.evidence()).facts().stream()
                .filter(f -> f instanceof HostPlatform).map(f -> f.side()).collect(Collectors.toSet());
        List<String> out = new ArrayList<>();
        if (known.containsAll(List.of(Side.CLIENT, Side.SERVER))) {
            d.causes().stream().limit(3).map(RankedCause::remediation).forEach(out::addAll);
        }
        d.nextEvidence().stream().filter(r -> known.contains(r.side())).map(EvidenceRequest::what).forEach(out::add);
        return out;
    }

    static Stream<LabRuns.Run> linuxRuns() {
        return LabRuns.all().stream().filter(r -> r.skip() == null && !r.healthy());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linuxRuns")
    void aStrongSwanAndXl2tpdRunIsNotToldToUseWindowsTools(LabRuns.Run run) {
        Diagnosis d = run.diagnose();
        assertThat(toKnownSides(run, d).stream().filter(text -> WINDOWS_ONLY.matcher(text).find()))
                .as("Windows advice or requests for %s", run).isEmpty();
    }

    static Stream<RealWorldCases.Case> windowsCases() {
        // a paste nothing could be read from says nothing of its platform either
        return RealWorldCases.all().stream().filter(c -> c.platform().equals("windows") && c.diagnose().stats().facts() > 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("windowsCases")
    void aWindowsClientsEventsAreNotAnsweredWithLinuxCommandsForTheClient(RealWorldCases.Case c) {
        Diagnosis d = c.diagnose();
        List<String> forClient = new ArrayList<>();
        d.nextEvidence().stream().filter(r -> r.side() == Side.CLIENT).map(EvidenceRequest::what)
                .forEach(forClient::add);
        assertThat(forClient.stream().filter(text -> LINUX_ONLY.matcher(text).find()))
                .as("Linux requests to the Windows client of %s", c.name()).isEmpty();
    }

    @ParameterizedTest(name = "{0}: the {1} is asked for {2}")
    @org.junit.jupiter.params.provider.CsvSource({
            "real-esp-blocked, SERVER, /proc/net/xfrm_stat",
            "esp-blocked, CLIENT, netsh ipsec dynamic show stats"})
    void aSampleIsAskedInItsOwnSoftwaresWords(String sample, Side side, String command) {
        Diagnosis d = ScenarioSuite.ENGINE.diagnose(new BundleReader().open(Path.of("..", "samples", sample), null));
        assertThat(d.nextEvidence()).anySatisfy(r -> {
            assertThat(r.side()).isEqualTo(side);
            assertThat(r.what()).contains(command);
        });
    }

    @Test
    void aStatusOutputAtHandIsNotAskedForAgain() {
        // the client's ipsec statusall is in the sample: its SA counters are the client's IPsec statistics
        Diagnosis d = ScenarioSuite.ENGINE.diagnose(new BundleReader().open(Path.of("..", "samples", "real-esp-blocked"), null));
        assertThat(d.nextEvidence()).noneMatch(r -> r.side() == Side.CLIENT && r.what().contains("statusall"));
    }

    @Test
    void offloadOnALinuxGatewayIsAdvisedWithEthtoolNotTheRegistry() {
        String ethtool = String.join("\n", "$ ethtool -k eth0", "Features for eth0:", "rx-checksumming: on",
                "esp-hw-offload: on", "esp-tx-csum-hw-offload: on", "");
        EvidenceBundle lab = new LabRuns.Run("esp-corrupted", LabRuns.Variant.BOTH, "ESP_CORRUPTED_IN_PATH",
                List.of(), List.of(), null).evidence();
        Diagnosis d = ScenarioSuite.ENGINE.diagnose(lab.plus(EvidenceBundle.of(List.of(
                Evidence.bytes("server-ethtool.txt", ethtool.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .withSide(Side.SERVER)))));
        RankedCause offload = d.causes().stream().filter(c -> c.id().equals("NIC_IPSEC_OFFLOAD_FAULT")).findFirst().orElseThrow();
        assertThat(offload.remediation()).anyMatch(step -> step.contains("ethtool -K"))
                .noneMatch(step -> step.contains("HKLM") || step.contains("EnableOffload"));
    }
}
