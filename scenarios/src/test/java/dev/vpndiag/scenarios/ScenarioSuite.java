package dev.vpndiag.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.DiagnosticEngine;
import dev.vpndiag.api.RankedCause;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.Side;
import dev.vpndiag.core.BundleReader;
import dev.vpndiag.core.VpnDiag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The scenario suite: every folder under {@code /scenarios} holds {@code client/} and/or
 * {@code server/} evidence and an {@code expect.json}. Loads them and diagnoses them with one engine.
 */
final class ScenarioSuite {
    static final DiagnosticEngine ENGINE = VpnDiag.engineBuilder().build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScenarioSuite() {
    }

    /** One scenario: its name, folder and expectations. */
    record Scenario(String name, Path folder, JsonNode expect) {
        List<String> top1() {
            return strings("top1");
        }

        List<String> top3() {
            return strings("top3");
        }

        List<String> absent() {
            return strings("absent");
        }

        /** How many connection attempts the evidence holds, or -1 when the scenario does not say. */
        int attempts() {
            return expect.path("attempts").asInt(-1);
        }

        /** Addresses the diagnosed attempt must involve (a string or a list in expect.json). */
        List<String> diagnosedAttemptInvolves() {
            JsonNode n = expect.path("diagnosedAttemptInvolves");
            return n.isTextual() ? List.of(n.asText()) : strings("diagnosedAttemptInvolves");
        }

        String verdict() {
            return expect.path("verdict").asText(null);
        }

        Map<String, String> layers() {
            Map<String, String> out = new LinkedHashMap<>();
            expect.path("layers").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }

        /** The ids the scenario is about (its accepted top causes); empty for a healthy or inconclusive one. */
        boolean judgesTopCause() {
            return !top1().isEmpty();
        }

        /** Diagnoses the evidence of the {@code client/} and {@code server/} folders (expect.json is not evidence). */
        Diagnosis diagnose() {
            EvidenceBundle bundle = EvidenceBundle.of(List.of());
            BundleReader reader = new BundleReader();
            for (Side side : List.of(Side.CLIENT, Side.SERVER)) {
                Path dir = folder.resolve(side.name().toLowerCase(java.util.Locale.ROOT));
                if (Files.isDirectory(dir)) {
                    bundle = bundle.plus(reader.open(dir, side));
                }
            }
            return ENGINE.diagnose(bundle);
        }

        private List<String> strings(String field) {
            List<String> out = new ArrayList<>();
            expect.path(field).forEach(n -> out.add(n.asText()));
            return out;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Path root() {
        try {
            return Path.of(ScenarioSuite.class.getResource("/scenarios").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Scenario> all() {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("expect.json"))).sorted().map(d -> {
                try {
                    return new Scenario(d.getFileName().toString(), d, MAPPER.readTree(d.resolve("expect.json").toFile()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> rankedIds(Diagnosis d) {
        return d.causes().stream().map(RankedCause::id).toList();
    }
}
