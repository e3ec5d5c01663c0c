package dev.vpndiag.plugin.offload;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.testing.ProviderRun;
import java.nio.file.Path;
import java.util.Map;

/** Runs the provider over test resources. */
final class Fixtures {
    static final Path ROOT = Path.of("src/test/resources");

    private Fixtures() {
    }

    static ProviderRun run(String path) {
        return ProviderRun.of(new OffloadProvider(), Evidence.file(ROOT.resolve(path)).withSide(Side.CLIENT));
    }

    static ProviderRun run(String path, Map<String, String> attributes) {
        return ProviderRun.of(new OffloadProvider(),
                Evidence.file(ROOT.resolve(path)).withSide(Side.CLIENT).withAttributes(attributes));
    }

    static ProviderRun bytes(String name, byte[] content) {
        return ProviderRun.of(new OffloadProvider(), Evidence.bytes(name, content).withSide(Side.SERVER));
    }

    /** The reference a fact from the given file and locator must carry. */
    static EvidenceRef ref(String path, String locator) {
        return EvidenceRef.of(ROOT.resolve(path).getFileName().toString(), locator);
    }
}
