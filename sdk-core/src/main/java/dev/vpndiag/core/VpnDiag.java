package dev.vpndiag.core;

import dev.vpndiag.api.DiagnosticEngine;
import dev.vpndiag.api.EvidenceBundle;
import java.nio.file.Path;
import java.util.List;

/**
 * Entry point for hosts that do not use Guice.
 *
 * <pre>{@code
 * DiagnosticEngine engine = VpnDiag.engineBuilder().build();          // once; thread-safe
 * Diagnosis d = engine.diagnose(VpnDiag.openBundle(Path.of("case-4711.zip")));
 * d.topCause().ifPresent(c -> System.out.println(c.id() + " " + c.confidence()));
 * }</pre>
 */
public final class VpnDiag {
    private VpnDiag() {
    }

    /** A builder for an engine with the built-in rules and the plugins on the class path. */
    public static EngineBuilder engineBuilder() {
        return new EngineBuilder();
    }

    /** A default engine: built-in rules, plugins found by ServiceLoader. */
    public static DiagnosticEngine defaultEngine() {
        return engineBuilder().build();
    }

    /** Opens files, folders (with an optional bundle.json) and zip archives as one bundle. */
    public static EvidenceBundle openBundle(Path... paths) {
        return new BundleReader().open(List.of(paths));
    }
}
