package dev.vpndiag.plugin.offload.internal.registry;

import dev.vpndiag.api.fact.AuditCoverage;
import dev.vpndiag.api.fact.RegistryValue;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which registry values and keys matter to an L2TP/IPsec diagnosis, how their keys are written, and
 * what follows from them. Values elsewhere are read past without a fact.
 */
final class RegistryValues {
    private static final Pattern RELEVANT_KEY = Pattern.compile(
            "(?i)^HKLM\\\\SYSTEM\\\\(?:CurrentControlSet|ControlSet\\d{3})\\\\(?:"
                    + "Services\\\\(?:IPSEC|PolicyAgent|IKEEXT|RasMan|Rasl2tp|RemoteAccess|BFE)(?:\\\\.*)?"
                    + "|Control\\\\Lsa\\\\Audit)$");
    private static final Set<String> RELEVANT_NAMES = Set.of("enableoffload", "disableikeaudits",
            "assumeudpencapsulationcontextonsendrule", "prohibitipsec", "disabletaskoffload");

    private RegistryValues() {
    }

    /** The key with its hive spelled short ({@code HKLM\SYSTEM\...}). */
    static String normalizeKey(String key) {
        String k = key.strip();
        int slash = k.indexOf('\\');
        String root = slash < 0 ? k : k.substring(0, slash);
        String rest = slash < 0 ? "" : k.substring(slash);
        String shortRoot = switch (root.toUpperCase(Locale.ROOT)) {
            case "HKEY_LOCAL_MACHINE", "HKLM" -> "HKLM";
            case "HKEY_CURRENT_USER", "HKCU" -> "HKCU";
            case "HKEY_USERS", "HKU" -> "HKU";
            case "HKEY_CLASSES_ROOT", "HKCR" -> "HKCR";
            case "HKEY_CURRENT_CONFIG", "HKCC" -> "HKCC";
            default -> root;
        };
        if (rest.regionMatches(true, 0, "\\SYSTEM\\", 0, 8)) {
            rest = "\\SYSTEM" + rest.substring(7);
        } else if (rest.regionMatches(true, 0, "\\SOFTWARE\\", 0, 10)) {
            rest = "\\SOFTWARE" + rest.substring(9);
        }
        return shortRoot + rest;
    }

    /** True when the listing of this key's values is worth a fact (the keys of the IPsec services and IKE auditing). */
    static boolean relevantKey(String normalizedKey) {
        return RELEVANT_KEY.matcher(normalizedKey).matches();
    }

    /** True when a value under this key and name is worth a fact. */
    static boolean relevant(String normalizedKey, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return RELEVANT_NAMES.contains(n) || n.startsWith("*ipsecoffload") || relevantKey(normalizedKey);
    }

    /** Emits the value, and what it means for audit coverage. */
    static void emit(ReadContext context, String locator, String normalizedKey, String name, String value) {
        if (!relevant(normalizedKey, name)) {
            return;
        }
        context.emit(new RegistryValue(context.ref(locator), context.side(), null, normalizedKey, name, value));
        if (name.equalsIgnoreCase("DisableIKEAudits") && !"0".equals(value)
                && normalizedKey.toLowerCase(Locale.ROOT).endsWith("\\lsa\\audit")) {
            context.emit(new AuditCoverage(context.ref(locator), context.side(), null, false, false,
                    "DisableIKEAudits=" + value + " under " + normalizedKey));
        }
    }
}
