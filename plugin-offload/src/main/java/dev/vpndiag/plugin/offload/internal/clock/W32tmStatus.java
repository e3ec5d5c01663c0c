package dev.vpndiag.plugin.offload.internal.clock;

import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.util.List;

/**
 * {@code w32tm /query /status [/verbose]}. It states the time source and the last synchronisation
 * but not the host's current time, so it gives no {@link dev.vpndiag.api.fact.HostClock} by
 * itself; its lines are recognised so that they are not reported as unknown.
 */
public final class W32tmStatus implements SectionStarter {

    @Override
    public Platform platform() {
        return Platform.WINDOWS;
    }
    private static final List<String> KEYS = List.of("Leap Indicator:", "Stratum:", "Precision:", "Root Delay:",
            "Root Dispersion:", "ReferenceId:", "Last Successful Sync Time:", "Source:", "Poll Interval:",
            "Phase Offset:", "ClockRate:", "State Machine:", "Time Source Flags:", "Server Role:", "Last Sync Error:",
            "Time since Last Good Sync Time:", "Leap Indicator :");

    @Override
    public Section start(Line line, ReadContext context) {
        return line.text().startsWith("Leap Indicator:") ? new Block() : null;
    }

    private static final class Block implements Section {
        @Override
        public boolean accept(Line line) {
            return Line.startsWithAny(line.text(), KEYS);
        }

        @Override
        public void finish() {
        }
    }
}
