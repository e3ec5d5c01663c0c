package dev.vpndiag.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.HostPlatform;
import dev.vpndiag.api.fact.Platform;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalogue's platform wording: which steps and which words a diagnosis gives for the software at hand. */
class CataloguePlatformTest {
    private static Catalogue catalogue;

    @BeforeAll
    static void load() throws Exception {
        catalogue = Catalogue.parse(new ObjectMapper().readTree("""
                {"entries": [{
                  "id": "X", "kind": "CAUSE", "layer": "ESP", "failsAt": "ESP", "title": "t",
                  "remediation": [
                    "general step",
                    {"on": ["windows"], "step": "windows step"},
                    {"on": ["strongswan", "libreswan"], "step": "linux daemon step"},
                    {"on": ["windows"], "side": "SERVER", "step": "windows server step"}
                  ],
                  "evidence": [
                    {"kind": "ipsec-stats", "side": "CLIENT", "what": "counters (netsh, or ipsec statusall)", "shows": "sent grows",
                     "on": {"windows": {"what": "netsh ipsec dynamic show stats"},
                            "strongswan": {"what": "ipsec statusall", "shows": "bytes out grow"}}},
                    {"kind": "registry", "side": "CLIENT", "what": "reg query", "only": ["windows"]}
                  ]
                }]}
                """));
    }

    private static Platforms on(Platform client, Platform server) {
        List<Fact> facts = new java.util.ArrayList<>();
        if (client != null) {
            facts.add(HostPlatform.of(EvidenceRef.of("c"), Side.CLIENT, client));
        }
        if (server != null) {
            facts.add(HostPlatform.of(EvidenceRef.of("s"), Side.SERVER, server));
        }
        return Platforms.of(facts);
    }

    @Test
    void knownPlatformsGetTheGeneralStepsAndTheirOwn() {
        assertThat(catalogue.remediation("X", null, on(Platform.WINDOWS, Platform.WINDOWS)))
                .containsExactly("general step", "windows step", "windows server step");
        assertThat(catalogue.remediation("X", null, on(Platform.LIBRESWAN, Platform.XL2TPD)))
                .containsExactly("general step", "linux daemon step");
        assertThat(catalogue.remediation("X", null, on(Platform.WINDOWS, Platform.STRONGSWAN)))
                .containsExactly("general step", "windows step", "linux daemon step");
    }

    @Test
    void aStepForOneSideIsGivenWhileThatSidesSoftwareIsUnknown() {
        assertThat(catalogue.remediation("X", null, on(Platform.STRONGSWAN, null)))
                .containsExactly("general step", "linux daemon step", "windows server step");
    }

    @Test
    void noPlatformOrNoneTheStepsAreWrittenForGetsEveryStep() {
        assertThat(catalogue.remediation("X", null, Platforms.NONE)).hasSize(4);
        assertThat(catalogue.remediation("X", null, on(Platform.MACOS, Platform.MACOS))).hasSize(3);
    }

    @Test
    void evidenceIsWordedForTheSidesSoftware() {
        Catalogue.EvidenceSource stats = catalogue.evidenceFor("X").get(0);
        assertThat(stats.on(Set.of(Platform.STRONGSWAN, Platform.XL2TPD)).orElseThrow())
                .satisfies(s -> {
                    assertThat(s.what()).isEqualTo("ipsec statusall");
                    assertThat(s.shows()).isEqualTo("bytes out grow");
                    assertThat(s.side()).isEqualTo(Side.CLIENT);
                });
        // a platform wording without its own "shows" keeps the general one
        assertThat(stats.on(Set.of(Platform.WINDOWS)).orElseThrow().shows()).isEqualTo("sent grows");
        assertThat(stats.on(Set.of()).orElseThrow().what()).isEqualTo("counters (netsh, or ipsec statusall)");
        assertThat(stats.on(Set.of(Platform.MACOS)).orElseThrow().what()).isEqualTo("counters (netsh, or ipsec statusall)");
    }

    @Test
    void evidenceOfOnePlatformIsNotAskedOfAnother() {
        Catalogue.EvidenceSource registry = catalogue.evidenceFor("X").get(1);
        assertThat(registry.on(Set.of(Platform.STRONGSWAN))).isEmpty();
        assertThat(registry.on(Set.of(Platform.WINDOWS))).isPresent();
        assertThat(registry.on(Set.of())).isPresent();
    }

    @Test
    void theEntryListsEveryStepForHostsReadingTheCatalogue() {
        assertThat(catalogue.find("X").orElseThrow().remediation())
                .containsExactly("general step", "windows step", "linux daemon step", "windows server step");
    }
}
