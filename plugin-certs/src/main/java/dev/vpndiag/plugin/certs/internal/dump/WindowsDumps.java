package dev.vpndiag.plugin.certs.internal.dump;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.fact.CertificateStore;
import dev.vpndiag.api.fact.EvidenceRef;
import dev.vpndiag.api.fact.StoredCertificate;
import dev.vpndiag.api.spi.FactSink;
import dev.vpndiag.plugin.certs.internal.store.CertificateFacts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text Windows administrators export: {@code certutil -store [-v]} output and PowerShell
 * {@code Get-ChildItem Cert:\... | Format-List *}. These show certificate metadata only (no DER), so
 * their facts carry no encoding and take no part in path validation. Dates are read as UTC, the
 * export's local time zone not being stated.
 */
public final class WindowsDumps {
    private WindowsDumps() {
    }

    /** The kinds of dump. */
    public enum Kind {
        /** certutil -store. */
        CERTUTIL,
        /** PowerShell Format-List of certificate objects. */
        POWERSHELL
    }

    private static final Pattern CERTUTIL_BLOCK = Pattern.compile("^=+ Certificate (\\d+) =+$");
    private static final Pattern CERTUTIL_HEADER = Pattern.compile("^(\\w+) \"[^\"]*\"$");
    private static final Pattern PS_LINE = Pattern.compile("^(\\w+)\\s*:(?: (.*))?$");
    private static final Pattern OID_IN_PARENS = Pattern.compile("\\(([0-9]+(?:\\.[0-9]+)+)\\)");
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US),
            DateTimeFormatter.ofPattern("M/d/yyyy h:mm a", Locale.US),
            DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss", Locale.US),
            DateTimeFormatter.ofPattern("d/MM/yyyy h:mm a", Locale.US),
            DateTimeFormatter.ofPattern("d.M.yyyy H:mm:ss", Locale.US),
            DateTimeFormatter.ofPattern("d.M.yyyy H:mm", Locale.US),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.US),
            DateTimeFormatter.ofPattern("yyyy-MM-dd H:mm", Locale.US));

    /** Which dump the text is, or null. */
    public static Kind detect(String head) {
        if (head.lines().anyMatch(l -> CERTUTIL_BLOCK.matcher(l.strip()).matches()) && head.contains("Cert Hash(")) {
            return Kind.CERTUTIL;
        }
        if (head.contains("Thumbprint") && head.contains("NotAfter") && Pattern.compile("(?m)^\\s*Thumbprint\\s+: ").matcher(head).find()) {
            return Kind.POWERSHELL;
        }
        return null;
    }

    /** Reads the dump and emits one fact per certificate. */
    public static void read(Kind kind, String text, Evidence evidence, FactSink sink) throws IOException {
        if (kind == Kind.CERTUTIL) {
            certutil(text, evidence, sink);
        } else {
            powershell(text, evidence, sink);
        }
    }

    private static void powershell(String text, Evidence evidence, FactSink sink) throws IOException {
        BufferedReader in = new BufferedReader(new StringReader(text));
        Map<String, String> record = new LinkedHashMap<>();
        String lastKey = null;
        int lineNo = 0;
        int start = 0;
        for (String line = in.readLine(); ; line = in.readLine()) {
            lineNo++;
            if (line == null || line.isBlank()) {
                if (record.containsKey("Thumbprint")) {
                    sink.accept(fromPowerShell(record, evidence, "line " + start, sink));
                }
                record.clear();
                lastKey = null;
                if (line == null || sink.isCancelled()) {
                    return;
                }
                continue;
            }
            Matcher m = PS_LINE.matcher(line.strip());
            if (m.matches()) {
                if (record.isEmpty()) {
                    start = lineNo;
                }
                lastKey = m.group(1);
                record.put(lastKey, m.group(2) == null ? "" : m.group(2).strip());
            } else if (lastKey != null) {
                record.merge(lastKey, line.strip(), (a, b) -> a.endsWith(",") ? a + " " + b : a + b);
            }
        }
    }

    private static StoredCertificate fromPowerShell(Map<String, String> r, Evidence evidence, String locator, FactSink sink) {
        String parent = r.getOrDefault("PSParentPath", "");
        CertificateStore dumpStore = storeOfPath(parent);
        String subject = r.getOrDefault("Subject", "");
        String issuer = r.getOrDefault("Issuer", "");
        List<String> eku = new ArrayList<>();
        Matcher m = OID_IN_PARENS.matcher(r.getOrDefault("EnhancedKeyUsageList", ""));
        while (m.find()) {
            eku.add(CertificateFacts.EKU_NAMES.getOrDefault(m.group(1), m.group(1)));
        }
        List<String> san = new ArrayList<>();
        String dns = r.getOrDefault("DnsNameList", "").replace("{", "").replace("}", "");
        for (String d : dns.split(",")) {
            if (!d.isBlank()) {
                san.add("DNS:" + d.strip());
            }
        }
        String hasKey = r.get("HasPrivateKey");
        return new StoredCertificate(EvidenceRef.of(evidence.name(), locator + ": certificate " + subject), evidence.side(), null,
                CertificateFacts.baseStore(evidence, dumpStore), subject, issuer,
                r.getOrDefault("SerialNumber", "").toUpperCase(Locale.ROOT),
                r.getOrDefault("Thumbprint", "").toUpperCase(Locale.ROOT),
                date(r.get("NotBefore"), locator, sink), date(r.get("NotAfter"), locator, sink),
                List.of(), eku, san, false, !subject.isEmpty() && subject.equals(issuer),
                hasKey == null ? null : Boolean.parseBoolean(hasKey.strip()), null, 0, null, null);
    }

    private static CertificateStore storeOfPath(String parent) {
        String p = parent.replace("\\", "").toLowerCase(Locale.ROOT);
        boolean user = p.contains("currentuser");
        if (p.endsWith("my")) {
            return user ? CertificateStore.USER_PERSONAL : CertificateStore.MACHINE_PERSONAL;
        }
        if (p.endsWith("root")) {
            return CertificateStore.TRUSTED_ROOT;
        }
        if (p.endsWith("ca")) {
            return CertificateStore.INTERMEDIATE;
        }
        return null;
    }

    private static void certutil(String text, Evidence evidence, FactSink sink) throws IOException {
        BufferedReader in = new BufferedReader(new StringReader(text));
        CertificateStore dumpStore = null;
        List<String> block = null;
        int start = 0;
        int lineNo = 0;
        for (String line = in.readLine(); ; line = in.readLine()) {
            lineNo++;
            String t = line == null ? null : line.strip();
            boolean boundary = t == null || CERTUTIL_BLOCK.matcher(t).matches() || t.startsWith("CertUtil:");
            if (boundary && block != null) {
                StoredCertificate fact = fromCertutil(block, evidence, dumpStore, "line " + start, sink);
                if (fact != null) {
                    sink.accept(fact);
                }
                block = null;
            }
            if (t == null || sink.isCancelled()) {
                return;
            }
            if (CERTUTIL_BLOCK.matcher(t).matches()) {
                block = new ArrayList<>();
                start = lineNo;
            } else if (block != null) {
                block.add(line);
            } else {
                Matcher h = CERTUTIL_HEADER.matcher(t);
                if (h.matches()) {
                    dumpStore = switch (h.group(1).toLowerCase(Locale.ROOT)) {
                        case "my" -> "user".equals(evidence.attributes().get("store"))
                                ? CertificateStore.USER_PERSONAL : CertificateStore.MACHINE_PERSONAL;
                        case "root", "authroot" -> CertificateStore.TRUSTED_ROOT;
                        case "ca" -> CertificateStore.INTERMEDIATE;
                        default -> CertificateStore.UNKNOWN;
                    };
                }
            }
        }
    }

    private static StoredCertificate fromCertutil(List<String> lines, Evidence evidence, CertificateStore dumpStore,
                                                  String locator, FactSink sink) {
        Map<String, String> v = new LinkedHashMap<>();
        List<String> eku = new ArrayList<>();
        List<String> san = new ArrayList<>();
        boolean keyInfo = false;
        boolean missingKey = false;
        boolean ca = false;
        boolean root = false;
        String section = "";
        String sigAlg = null;
        int keySize = 0;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            int colon = t.indexOf(':');
            String key = colon > 0 ? t.substring(0, colon).strip() : "";
            String value = colon > 0 ? t.substring(colon + 1).strip() : "";
            if ((key.equals("Issuer") || key.equals("Subject")) && value.isEmpty()) {
                List<String> rdns = new ArrayList<>();
                while (i + 1 < lines.size() && lines.get(i + 1).strip().contains("=") && !lines.get(i + 1).contains("Name Hash")) {
                    rdns.add(lines.get(++i).strip());
                }
                value = String.join(", ", rdns);
            }
            if (!key.isEmpty() && !v.containsKey(key) && (key.equals("Serial Number") || key.equals("Issuer") || key.equals("Subject")
                    || key.equals("NotBefore") || key.equals("NotAfter") || key.startsWith("Cert Hash(sha1)"))) {
                v.put(key.startsWith("Cert Hash") ? "sha1" : key, value);
            }
            if (t.startsWith("Key Container") || t.startsWith("Unique container name") || t.startsWith("Provider =")) {
                keyInfo = true;
            }
            if (t.startsWith("Missing stored keyset") || t.startsWith("No key provider information")) {
                missingKey = true;
            }
            if (t.equals("Root Certificate") || t.startsWith("Root Certificate:")) {
                root = true;
            }
            if (t.equals("Subject Type=CA")) {
                ca = true;
            }
            if (t.startsWith("Public Key Length:")) {
                keySize = Integer.parseInt(t.replaceAll("\\D", "").isEmpty() ? "0" : t.replaceAll("\\D", ""));
            }
            if (t.startsWith("Algorithm ObjectId:") && sigAlg == null && section.equals("Signature Algorithm:")) {
                String[] parts = t.split("\\s+");
                sigAlg = parts.length > 3 ? parts[3] : parts[parts.length - 1];
            }
            if (t.equals("Enhanced Key Usage") || t.equals("Subject Alternative Name") || t.endsWith(":") && !t.contains(" ")
                    || t.equals("Signature Algorithm:") || t.equals("Public Key Algorithm:")) {
                section = t;
                continue;
            }
            if (section.equals("Enhanced Key Usage")) {
                Matcher m = OID_IN_PARENS.matcher(t);
                if (m.find()) {
                    eku.add(CertificateFacts.EKU_NAMES.getOrDefault(m.group(1), m.group(1)));
                }
            } else if (section.equals("Subject Alternative Name") && t.startsWith("DNS Name=")) {
                san.add("DNS:" + t.substring("DNS Name=".length()));
            } else if (section.equals("Subject Alternative Name") && t.startsWith("IP Address=")) {
                san.add("IP:" + t.substring("IP Address=".length()));
            }
            if (t.isEmpty()) {
                section = "";
            }
        }
        if (!v.containsKey("sha1") && !v.containsKey("Subject")) {
            sink.problem(locator, "certificate block without subject or hash skipped");
            return null;
        }
        String subject = v.getOrDefault("Subject", "");
        String issuer = v.getOrDefault("Issuer", "");
        return new StoredCertificate(EvidenceRef.of(evidence.name(), locator + ": certificate " + subject), evidence.side(), null,
                CertificateFacts.baseStore(evidence, dumpStore), subject, issuer,
                v.getOrDefault("Serial Number", "").replace(" ", "").toUpperCase(Locale.ROOT),
                v.getOrDefault("sha1", "").replace(" ", "").toUpperCase(Locale.ROOT),
                date(v.get("NotBefore"), locator, sink), date(v.get("NotAfter"), locator, sink),
                List.of(), eku, san, ca || root, root || (!subject.isEmpty() && subject.equals(issuer)),
                keyInfo && !missingKey, null, keySize, sigAlg, null);
    }

    private static Instant date(String text, String locator, FactSink sink) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().replace('\u202f', ' ');
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDateTime.parse(t, f).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // try the next layout
            }
        }
        sink.problem(locator, "date '" + t + "' in an unknown layout");
        return null;
    }
}
