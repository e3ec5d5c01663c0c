package dev.vpndiag.plugin.offload.internal.registry;

import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.util.List;
import java.util.Locale;

/**
 * {@code netsh advfirewall} output (Vista and later): {@code show global}, {@code consec show rule},
 * {@code monitor show mmsa/qmsa}. Only the global {@code IPsecThroughNAT} setting yields a fact: it is
 * the setting that {@code AssumeUDPEncapsulationContextOnSendRule} holds in the registry (Never = 0,
 * Server behind NAT = 1, Server and client behind NAT = 2), emitted as that registry value with
 * the netsh line as its locator. The other lines are recognised and read past.
 */
public final class AdvFirewall implements SectionStarter {

    @Override
    public Platform platform() {
        return Platform.WINDOWS;
    }
    static final String POLICY_AGENT = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\PolicyAgent";

    private static final List<String> STARTS = List.of("global settings:", "rule name:", "main mode sa at",
            "quick mode sa at");
    private static final List<String> KEYS = List.of("enabled", "profiles", "type", "mode", "endpoint1",
            "endpoint2", "protocol", "action", "auth1", "auth2", "mainmodesecmethods", "quickmodesecmethods",
            "local ip address", "remote ip address", "my id", "peer id", "first auth", "second auth",
            "mm offer", "qm offer", "cookie pair", "health pair", "local port", "remote port", "direction",
            "ok.", "ipsec:", "strongcrlcheck", "saidletimemin", "defaultexemptions", "ipsecthroughnat",
            "authzusergrp", "authzcomputergrp", "statefulftp", "statefulpptp", "main mode:", "keylifetime",
            "secmethods", "forcedh", "categories:", "boottimerulecategory", "firewallrulecategory",
            "stealthrulecategory", "consecrulerulecategory", "rule source", "description", "grouping",
            "localtunnelendpoint", "remotetunnelendpoint", "port1", "port2", "apply", "-------",
            "exemptions", "rule name", "edge traversal", "interfacetypes", "encapsulation", "start time",
            "expiration time", "local port", "health");

    @Override
    public Section start(Line line, ReadContext context) {
        String t = line.text();
        if (t.isEmpty() || "GgRrMmQq".indexOf(t.charAt(0)) < 0) {
            return null;
        }
        return Line.startsWithAny(t.strip().toLowerCase(Locale.ROOT), STARTS) ? new Block(context) : null;
    }

    private static final class Block implements Section {
        private final ReadContext context;

        Block(ReadContext context) {
            this.context = context;
        }

        @Override
        public boolean accept(Line line) {
            String l = line.text().strip().toLowerCase(Locale.ROOT);
            if (l.isEmpty()) {
                return true;
            }
            if (Line.startsWithAny(l, STARTS)) {
                return true;
            }
            if (l.startsWith("ipsecthroughnat")) {
                String setting = l.substring("ipsecthroughnat".length()).replace(":", " ").strip();
                String value = switch (setting.replaceAll("\\s+", " ")) {
                    case "never" -> "0";
                    case "server behind nat", "serverbehindnat" -> "1";
                    case "server and client behind nat", "serverandclientbehindnat" -> "2";
                    default -> null;
                };
                if (value == null) {
                    context.problem(line.locator(), "IPsecThroughNAT setting not understood: " + setting);
                } else {
                    RegistryValues.emit(context, line.locator() + " (netsh advfirewall IPsecThroughNAT)",
                            POLICY_AGENT, "AssumeUDPEncapsulationContextOnSendRule", value);
                }
                return true;
            }
            return Line.startsWithAny(l, KEYS);
        }

        @Override
        public void finish() {
        }
    }
}
