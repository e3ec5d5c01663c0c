package dev.vpndiag.plugin.offload.internal.service;

import dev.vpndiag.api.fact.ServiceState;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/** The services that matter to L2TP/IPsec, and how their state becomes a fact. */
public final class Services {
    private static final Set<String> NAMES = Set.of("policyagent", "ikeext", "remoteaccess", "rasman", "bfe",
            "mpssvc", "sharedaccess", "xl2tpd", "ipsec", "charon", "racoon", "pluto", "libreswan", "openswan",
            "ipsec-tools", "openl2tp", "openl2tpd", "pppd");

    private Services() {
    }

    /** True for IPsec/L2TP services of Windows and Linux (any strongSwan unit included). */
    public static boolean relevant(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".service")) {
            n = n.substring(0, n.length() - 8);
        }
        return NAMES.contains(n) || n.startsWith("strongswan");
    }

    /** Emits the state of a relevant service; others are ignored. */
    public static void emit(ReadContext context, String locator, Instant time, String name, boolean running,
                            String state) {
        if (relevant(name)) {
            context.emit(new ServiceState(context.ref(locator), context.side(), time, name, running, state));
        }
    }
}
