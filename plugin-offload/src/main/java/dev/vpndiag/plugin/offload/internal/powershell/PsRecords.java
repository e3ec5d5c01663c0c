package dev.vpndiag.plugin.offload.internal.powershell;

import dev.vpndiag.api.fact.OffloadState;
import dev.vpndiag.plugin.offload.internal.profile.VpnConnectionObject;
import dev.vpndiag.plugin.offload.internal.service.Services;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What PowerShell objects mean, whichever way they were formatted: {@code Get-Service} objects
 * (Status, Name) become service states; {@code Get-NetAdapterIPsecOffload} objects (Name, Enabled)
 * and {@code Get-NetAdapterAdvancedProperty} rows for {@code *IPsecOffload...} keywords become one
 * offload state per adapter; {@code Get-VpnConnection} objects become connection profiles.
 */
final class PsRecords {
    private final ReadContext context;
    private final Map<String, Adapter> adapters = new LinkedHashMap<>();

    private static final class Adapter {
        String locator;
        Boolean enabled;
    }

    PsRecords(ReadContext context) {
        this.context = context;
    }

    /** Takes one object, its property names compared case-insensitively. */
    void record(Map<String, String> props, String locator) {
        String name = get(props, "name");
        if (name == null || name.isEmpty()) {
            return;
        }
        if (VpnConnectionObject.take(context, props, locator)) {
            return;
        }
        String status = get(props, "status");
        String keyword = get(props, "registrykeyword");
        String displayName = get(props, "displayname");
        if (keyword != null || get(props, "displayvalue") != null) {
            boolean ipsec = (keyword != null && keyword.toLowerCase(Locale.ROOT).startsWith("*ipsecoffload"))
                    || (displayName != null && displayName.toLowerCase(Locale.ROOT).replace(" ", "").contains("ipsecoffload"));
            if (ipsec) {
                adapter(name, locator, advancedEnabled(get(props, "registryvalue"), get(props, "displayvalue")));
            }
            return;
        }
        if (status != null) {
            Services.emit(context, locator, null, name, status.equalsIgnoreCase("Running"), status);
            return;
        }
        String enabled = get(props, "enabled");
        if (enabled != null) {
            adapter(name, locator, enabled.equalsIgnoreCase("True") ? Boolean.TRUE
                    : enabled.equalsIgnoreCase("False") ? Boolean.FALSE : null);
        }
    }

    private void adapter(String name, String locator, Boolean enabled) {
        Adapter a = adapters.computeIfAbsent(name, n -> new Adapter());
        a.locator = a.locator == null ? locator : a.locator + ", " + locator;
        if (enabled != null) {
            a.enabled = Boolean.TRUE.equals(a.enabled) || enabled;
        }
    }

    private static Boolean advancedEnabled(String registryValue, String displayValue) {
        if (registryValue != null) {
            String v = registryValue.replace("{", "").replace("}", "").strip();
            if (v.matches("\\d{1,9}")) {
                return Integer.parseInt(v) != 0;
            }
        }
        if (displayValue != null && !displayValue.isBlank()) {
            return !displayValue.strip().equalsIgnoreCase("Disabled");
        }
        return null;
    }

    private static String get(Map<String, String> props, String key) {
        String v = props.get(key);
        return v == null ? null : v.strip();
    }

    /** Emits the adapters gathered. */
    void finish() {
        for (Map.Entry<String, Adapter> e : adapters.entrySet()) {
            context.emit(new OffloadState(context.ref(e.getValue().locator), context.side(), null, e.getKey(), true,
                    e.getValue().enabled));
        }
        adapters.clear();
    }
}
