package dev.vpndiag.core;

import dev.vpndiag.api.DiagnosticEngine;

/** One engine for the test JVM: building it loads the rule base, which is the slow part. */
final class EngineHolder {
    static final DiagnosticEngine ENGINE = VpnDiag.engineBuilder().discoverPlugins(false).build();

    private EngineHolder() {
    }
}
