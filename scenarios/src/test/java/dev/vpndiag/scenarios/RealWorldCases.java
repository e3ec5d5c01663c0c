package dev.vpndiag.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.RankedCause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Logs real users posted on public trackers and forums when their VPN failed, each with the cause
 * confirmed later in the same thread ({@code /realworld/<case>/}: the posted text exactly as
 * posted, lines only dropped, and {@code case.json} with the address, the confirmed cause, a quote
 * of the confirmation and the causes a careful engineer could equally name first from the text
 * alone). Each case is read as a user would hand it over: the posted files without sides.
 */
final class RealWorldCases {
    private RealWorldCases() {
    }

    /** One posted case and what it must give. */
    record Case(String name, String url, String platform, String cause, List<String> acceptable, List<Path> files) {
        Diagnosis diagnose() {
            return ScenarioSuite.ENGINE.diagnose(evidence());
        }

        /** The posted files, as pasted: without sides. */
        EvidenceBundle evidence() {
            List<Evidence> items = new ArrayList<>();
            files.forEach(f -> items.add(Evidence.file(f)));
            return EvidenceBundle.of(items);
        }

        /** The confirmed cause and the equally acceptable ones. */
        List<String> accepted() {
            List<String> all = new ArrayList<>(acceptable);
            all.add(0, cause);
            return all;
        }

        boolean firstRight(Diagnosis d) {
            return !d.causes().isEmpty() && accepted().contains(d.causes().get(0).id());
        }

        boolean inTop3(Diagnosis d) {
            return d.causes().stream().limit(3).map(RankedCause::id).anyMatch(accepted()::contains);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Path root() {
        return TestResources.path("/realworld");
    }

    static List<Case> all() {
        ObjectMapper json = new ObjectMapper();
        List<Case> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root())) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                JsonNode c = json.readTree(dir.resolve("case.json").toFile());
                List<String> acceptable = new ArrayList<>();
                c.path("acceptable").forEach(n -> acceptable.add(n.asText()));
                List<Path> files;
                try (Stream<Path> fs = Files.list(dir)) {
                    files = fs.filter(p -> p.getFileName().toString().startsWith("posted")).sorted().toList();
                }
                out.add(new Case(dir.getFileName().toString(), c.path("url").asText(), c.path("platform").asText(),
                        c.path("cause").asText(), List.copyOf(acceptable), files));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
