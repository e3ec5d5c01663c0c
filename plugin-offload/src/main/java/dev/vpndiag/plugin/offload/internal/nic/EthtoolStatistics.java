package dev.vpndiag.plugin.offload.internal.nic;

import dev.vpndiag.api.fact.IpsecStatistics;
import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.Numbers;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ethtool -S IFACE}: {@code NIC statistics:} then indented {@code name: value} counters.
 * When the driver keeps IPsec offload counters (mlx5 {@code ipsec_rx_bytes}, {@code ipsec_tx_bytes},
 * {@code ipsec_rx_drop_pkts}; other drivers' {@code ipsec_*}/{@code *_ipsec_*} names alike) one
 * {@link IpsecStatistics} snapshot is emitted; other counters are read past.
 */
public final class EthtoolStatistics implements SectionStarter {

    @Override
    public Platform platform() {
        return Platform.LINUX;
    }
    private static final Pattern COUNTER = Pattern.compile("^\\s+([^:]{1,120}):\\s+(-?\\d{1,20})\\s*$");

    @Override
    public Section start(Line line, ReadContext context) {
        String t = line.text();
        if (t.equals("NIC statistics:") || t.equals("NIC statistics:\t")) {
            return new Block(context, line.number());
        }
        return null;
    }

    private static final class Block implements Section {
        private final ReadContext context;
        private final long first;
        private long last;
        private Long txBytes;
        private Long rxBytes;
        private Long rxDrops;
        private Long authFail;
        private boolean ipsec;

        Block(ReadContext context, long first) {
            this.context = context;
            this.first = first;
            this.last = first;
        }

        @Override
        public boolean accept(Line line) {
            Matcher m = COUNTER.matcher(line.text());
            if (!m.matches()) {
                return false;
            }
            last = line.number();
            String name = m.group(1).strip().toLowerCase(java.util.Locale.ROOT);
            if (!name.contains("ipsec")) {
                return true;
            }
            ipsec = true;
            Long value = Numbers.count(m.group(2));
            if (name.contains("tx") && name.endsWith("bytes") && !name.contains("drop")) {
                txBytes = sum(txBytes, value);
            } else if (name.contains("rx") && name.endsWith("bytes") && !name.contains("drop")) {
                rxBytes = sum(rxBytes, value);
            } else if (name.contains("rx") && name.contains("drop") && name.endsWith("pkts")) {
                rxDrops = sum(rxDrops, value);
            } else if (name.contains("auth") && name.contains("fail")) {
                authFail = sum(authFail, value);
            }
            return true;
        }

        private static Long sum(Long a, Long b) {
            if (b == null) {
                return a;
            }
            return a == null ? b : a + b;
        }

        @Override
        public void finish() {
            if (ipsec) {
                context.emit(new IpsecStatistics(context.ref(Line.range(first, last)), context.side(),
                        context.lastTimestamp(), txBytes, rxBytes, null, rxDrops, authFail, null, null, null,
                        null, null));
            }
        }
    }
}
