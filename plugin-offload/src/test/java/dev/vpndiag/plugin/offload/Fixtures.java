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

    /**
     * The content followed by random bytes cut into short lines that start with a NUL byte: text that
     * turns into binary data.
     */
    static byte[] withBinaryTail(byte[] head, int size, long seed) {
        byte[] garbage = new byte[size];
        new java.util.Random(seed).nextBytes(garbage);
        for (int i = 0; i + 1 < garbage.length; i += 64) {
            garbage[i] = '\n';
            garbage[i + 1] = 0;
        }
        byte[] content = java.util.Arrays.copyOf(head, head.length + garbage.length);
        System.arraycopy(garbage, 0, content, head.length, garbage.length);
        return content;
    }

    /** The reference a fact from the given file and locator must carry. */
    static EvidenceRef ref(String path, String locator) {
        return EvidenceRef.of(ROOT.resolve(path).getFileName().toString(), locator);
    }
}
