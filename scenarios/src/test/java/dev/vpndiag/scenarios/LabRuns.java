package dev.vpndiag.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.RankedCause;
import dev.vpndiag.core.BundleReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real lab bundles (strongSwan/xl2tpd runs with one injected fault each, {@code /lab}), each
 * diagnosed three times: from both ends' files, from the client's only and from the server's only.
 * {@code lab/EXPECT.json} names each bundle's true cause ({@code truth}, a catalogue id, or null for
 * a healthy run) and, per variant, what is accepted:
 * <ul>
 *   <li>both ends: the truth first (or one of {@code top1});</li>
 *   <li>one end: the truth among the first three ({@code top3} overrides), and never a wrong
 *       first cause above {@link #MAX_WRONG_CONFIDENCE}; a variant may be {@code skip}ped with a
 *       reason when that end holds no evidence at all.</li>
 * </ul>
 * Only the {@code client-*} and {@code server-*} files of a bundle are evidence; its
 * {@code LABEL.json} (the lab's description of the injected fault) is not.
 */
final class LabRuns {
    static final double MAX_WRONG_CONFIDENCE = 0.6;

    /** Which end's files a run reads. */
    enum Variant {
        BOTH("both ends"), CLIENT("client only"), SERVER("server only"),
        /** The client's logs and status output alone, as a user pastes them: no capture, no certificate store. */
        CLIENT_LOGS("client logs only"),
        /** The server's logs and status output alone. */
        SERVER_LOGS("server logs only");

        final String label;

        Variant(String label) {
            this.label = label;
        }

        boolean reads(String fileName) {
            boolean log = fileName.endsWith(".log") || fileName.endsWith(".txt");
            return switch (this) {
                case BOTH -> fileName.startsWith("client-") || fileName.startsWith("server-");
                case CLIENT -> fileName.startsWith("client-");
                case SERVER -> fileName.startsWith("server-");
                case CLIENT_LOGS -> fileName.startsWith("client-") && log;
                case SERVER_LOGS -> fileName.startsWith("server-") && log;
            };
        }

        /** The variant whose expectation applies when EXPECT.json names none for this one. */
        Variant base() {
            return this == CLIENT_LOGS ? CLIENT : this == SERVER_LOGS ? SERVER : this;
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One run: a bundle read as one variant, and what it must give. */
    record Run(String bundle, Variant variant, String truth, List<String> top1, List<String> top3, String skip) {
        boolean healthy() {
            return truth == null;
        }

        Diagnosis diagnose() {
            return ScenarioSuite.ENGINE.diagnose(evidence());
        }

        /** The files this run reads. */
        EvidenceBundle evidence() {
            Path folder = root().resolve(bundle);
            EvidenceBundle evidence = EvidenceBundle.of(List.of());
            BundleReader reader = new BundleReader();
            try (Stream<Path> files = Files.list(folder)) {
                for (Path p : files.sorted().toList()) {
                    if (variant.reads(p.getFileName().toString())) {
                        evidence = evidence.plus(reader.open(p, null));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return evidence;
        }

        /** Whether the first cause is an accepted one. */
        boolean firstRight(Diagnosis d) {
            return !d.causes().isEmpty() && top1.contains(d.causes().get(0).id());
        }

        /** Whether an accepted cause is among the first three. */
        boolean inTop3(Diagnosis d) {
            return d.causes().stream().limit(3).map(RankedCause::id).anyMatch(top3::contains);
        }

        @Override
        public String toString() {
            return bundle + " (" + variant.label + ")";
        }
    }

    private LabRuns() {
    }

    static Path root() {
        return TestResources.path("/lab");
    }

    static List<Run> all() {
        try {
            JsonNode expect = new ObjectMapper().readTree(root().resolve("EXPECT.json").toFile());
            List<Run> out = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = expect.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().startsWith("_")) {
                    continue;
                }
                JsonNode spec = e.getValue();
                String truth = spec.path("truth").isTextual() ? spec.get("truth").asText() : null;
                for (Variant v : Variant.values()) {
                    JsonNode vs = spec.has(v.key()) ? spec.path(v.key()) : spec.path(v.base().key());
                    List<String> top1 = vs.has("top1") ? strings(vs.get("top1")) : truth == null ? List.of() : List.of(truth);
                    List<String> top3 = vs.has("top3") ? strings(vs.get("top3")) : top1;
                    String skip = vs.path("skip").isTextual() ? vs.get("skip").asText() : null;
                    out.add(new Run(e.getKey(), v, truth, top1, top3, skip));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
