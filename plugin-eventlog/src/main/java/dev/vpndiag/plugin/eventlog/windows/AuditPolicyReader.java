package dev.vpndiag.plugin.eventlog.windows;

import dev.vpndiag.api.Side;
import dev.vpndiag.api.fact.AuditCoverage;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.RegistryValue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads whether IKE events are audited: {@code auditpol /get} output (text or {@code /r} CSV) for
 * the "IPsec Main Mode" and "IPsec Quick Mode" subcategories, and {@code DisableIKEAudits} from
 * registry exports or {@code reg query} output.
 */
final class AuditPolicyReader {
    private static final Pattern SETTING = Pattern.compile(
            "(Success and Failure|No Auditing|Success|Failure)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DISABLE = Pattern.compile(
            "\"?DisableIKEAudits\"?\\s*(?:=\\s*dword:([0-9a-fA-F]+)|\\s+REG_DWORD\\s+(0x[0-9a-fA-F]+|\\d+))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern KEY = Pattern.compile("^\\[?(HKEY_[^\\]]+|HKLM\\\\[^\\]]+)\\]?\\s*$");
    private static final String DEFAULT_KEY = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\Audit";

    private AuditPolicyReader() {
    }

    static void read(InputStream in, String source, Side side, Consumer<Fact> out) throws IOException {
        String mainMode = null;
        String quickMode = null;
        int mmLine = 0;
        String key = DEFAULT_KEY;
        try (TextInput t = new TextInput(in)) {
            String line;
            while ((line = t.readLine()) != null) {
                String lower = line.toLowerCase(Locale.ROOT);
                Matcher k = KEY.matcher(line.trim());
                if (k.matches()) {
                    key = k.group(1);
                }
                if (lower.contains("ipsec main mode") || lower.contains("ipsec quick mode")) {
                    int after = lower.indexOf(lower.contains("ipsec main mode") ? "ipsec main mode" : "ipsec quick mode") + 16;
                    Matcher m = SETTING.matcher(line.substring(Math.min(after, line.length())));
                    String setting = m.find() ? m.group(1) : null;
                    if (setting != null && lower.contains("ipsec main mode")) {
                        mainMode = setting;
                        mmLine = t.lineNo();
                    } else if (setting != null) {
                        quickMode = setting;
                    }
                }
                Matcher d = DISABLE.matcher(line);
                if (d.find()) {
                    long v = d.group(1) != null ? Long.parseLong(d.group(1), 16) : Long.decode(d.group(2));
                    EvidenceRef ref = EvidenceRef.of(source, "line " + t.lineNo());
                    out.accept(new RegistryValue(ref, side, null, key, "DisableIKEAudits", Long.toString(v)));
                    if (v != 0) {
                        out.accept(new AuditCoverage(ref, side, null, false, false,
                                "DisableIKEAudits=" + v + ": IKE events are not written to the Security log"));
                    }
                }
            }
        }
        if (mainMode != null) {
            String qm = quickMode == null ? mainMode : quickMode;
            boolean failures = covers(mainMode, "failure") && covers(qm, "failure");
            boolean successes = covers(mainMode, "success") && covers(qm, "success");
            out.accept(new AuditCoverage(EvidenceRef.of(source, "line " + mmLine), side, null, failures, successes,
                    "auditpol: IPsec Main Mode=" + mainMode + ", IPsec Quick Mode=" + (quickMode == null ? "?" : quickMode)));
        }
    }

    private static boolean covers(String setting, String what) {
        String s = setting.toLowerCase(Locale.ROOT);
        return !s.contains("no auditing") && s.contains(what);
    }
}
