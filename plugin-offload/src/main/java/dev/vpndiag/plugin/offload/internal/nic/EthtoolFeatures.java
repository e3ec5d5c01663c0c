package dev.vpndiag.plugin.offload.internal.nic;

import dev.vpndiag.api.fact.OffloadState;
import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ethtool -k IFACE}: {@code Features for eth0:} (ethtool 3.x and later) or
 * {@code Offload parameters for eth0:} (older), then {@code name: on|off [fixed]} lines; also the
 * headerless lines of {@code ethtool -k eth0 | grep esp}, the adapter then taken from the echoed
 * command. One {@link OffloadState} per block, from {@code esp-hw-offload}: capable when it is on
 * or can be switched on (not {@code [fixed]}), enabled when on.
 */
public final class EthtoolFeatures implements SectionStarter {

    @Override
    public Platform platform() {
        return Platform.LINUX;
    }
    private static final Pattern HEADER = Pattern.compile("^(Features|Offload parameters) for (\\S+?):\\s*$");
    private static final Pattern FEATURE = Pattern.compile(
            "^\\s*([a-z0-9][a-z0-9_-]*): (on|off)(?: \\[(fixed|requested on|requested off|not requested)\\])?\\s*$");
    private static final Pattern ETHTOOL_COMMAND = Pattern.compile("ethtool\\s+(?:-k|--show-features|--show-offload)\\s+(\\S+)");

    @Override
    public Section start(Line line, ReadContext context) {
        String t = line.text();
        boolean header = t.startsWith("Features for ") || t.startsWith("Offload parameters for ");
        if (!header && !t.contains(": o")) {
            return null;
        }
        Matcher h = HEADER.matcher(t);
        if (header && h.matches()) {
            return new Block(context, h.group(2), line.number(), h.group(1).equals("Features"));
        }
        Matcher f = FEATURE.matcher(line.text());
        if (f.matches() && !Character.isWhitespace(line.text().charAt(0))) {
            Matcher cmd = ETHTOOL_COMMAND.matcher(context.lastCommand());
            String adapter = cmd.find() ? cmd.group(1) : "unknown";
            Block b = new Block(context, adapter, line.number(), true);
            b.accept(line);
            return b;
        }
        return null;
    }

    private static final class Block implements Section {
        private final ReadContext context;
        private final String adapter;
        private final long first;
        private final boolean modern;
        private long last;
        private long espLine;
        private Boolean espOn;
        private boolean espFixed;

        Block(ReadContext context, String adapter, long first, boolean modern) {
            this.context = context;
            this.adapter = adapter;
            this.first = first;
            this.last = first;
            this.modern = modern;
        }

        @Override
        public boolean accept(Line line) {
            Matcher f = FEATURE.matcher(line.text());
            if (!f.matches()) {
                return false;
            }
            last = line.number();
            if (f.group(1).equals("esp-hw-offload")) {
                espLine = line.number();
                espOn = f.group(2).equals("on");
                espFixed = "fixed".equals(f.group(3));
            }
            return true;
        }

        @Override
        public void finish() {
            if (espOn != null) {
                context.emit(new OffloadState(context.ref(Line.range(first, last) + " (esp-hw-offload at line "
                        + espLine + ")"), context.side(), null, adapter, espOn || !espFixed, espOn));
            } else if (modern) {
                // every kernel with ESP offload lists the feature; its absence means no support
                context.emit(new OffloadState(context.ref(Line.range(first, last)), context.side(), null,
                        adapter, false, false));
            } else {
                context.emit(new OffloadState(context.ref(Line.range(first, last)), context.side(), null,
                        adapter, false, null));
            }
        }
    }
}
