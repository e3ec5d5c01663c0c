package dev.vpndiag.plugin.eventlog.linux;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.fact.IkeOutcome;
import dev.vpndiag.api.fact.IkeSaEvent;
import dev.vpndiag.testing.ProviderRun;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** What the Linux log tests share: reading a text as a file without a side, and its failed IKE phases. */
final class LinuxLogRuns {
    private LinuxLogRuns() {
    }

    /** The text read by a fresh {@link LinuxLogProvider} as the file {@code name}, side unknown. */
    static ProviderRun read(String name, String text) {
        return ProviderRun.of(new LinuxLogProvider(), Evidence.bytes(name, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The IKE phases the run found failed. */
    static List<IkeSaEvent> failures(ProviderRun r) {
        return r.factsOf(IkeSaEvent.class).stream().filter(e -> e.outcome() == IkeOutcome.FAILED).toList();
    }
}
