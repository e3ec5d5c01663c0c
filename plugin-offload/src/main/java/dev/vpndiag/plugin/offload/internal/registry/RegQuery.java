package dev.vpndiag.plugin.offload.internal.registry;

import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.Numbers;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code reg query KEY [/v NAME] [/s]} output: a key line ({@code HKEY_LOCAL_MACHINE\...}) and
 * indented {@code NAME  REG_TYPE  DATA} lines, separated by four spaces (Vista and later) or tabs
 * (Windows XP's reg.exe 3.0, which also prints {@code ! REG.EXE VERSION 3.0}). REG_DWORD and
 * REG_QWORD data ({@code 0x2}) become decimal text.
 */
public final class RegQuery implements SectionStarter {
    private static final Pattern KEY = Pattern.compile("^(HKEY_[A-Z_]+|HKLM|HKCU|HKU|HKCR|HKCC)(\\\\.*)?$");
    private static final Pattern VALUE = Pattern.compile(
            "^(?: {2,}|\\t)(.*?)(?: {2,}|\\t+)(REG_[A-Z0-9_]+)(?:(?: {2,}|\\t+)(.*?))?\\s*$");
    private static final Pattern VERSION = Pattern.compile("^! REG\\.EXE VERSION [\\d.]+\\s*$");
    private static final Pattern TRAILER = Pattern.compile(
            "^(?:End of search: \\d+ match\\(es\\) found\\.|ERROR: .*|FEHLER: .*|ERREUR : .*|The operation completed successfully\\.)\\s*$");

    @Override
    public Section start(Line line, ReadContext context) {
        String t = line.text();
        if (t.isEmpty() || "EFT!H".indexOf(t.charAt(0)) < 0) {
            return null;
        }
        if (TRAILER.matcher(t).matches()) {
            return new Block(context, null);
        }
        if (VERSION.matcher(t).matches()) {
            return new Block(context, null);
        }
        if (t.startsWith("HK") && KEY.matcher(t.strip()).matches()) {
            return new Block(context, RegistryValues.normalizeKey(t.strip()));
        }
        return null;
    }

    private static final class Block implements Section {
        private final ReadContext context;
        private String key;

        Block(ReadContext context, String key) {
            this.context = context;
            this.key = key;
        }

        @Override
        public boolean accept(Line line) {
            String t = line.text();
            if (t.isBlank() || TRAILER.matcher(t).matches()) {
                return true;
            }
            if (!Character.isWhitespace(t.charAt(0)) && KEY.matcher(t.strip()).matches()) {
                key = RegistryValues.normalizeKey(t.strip());
                return true;
            }
            Matcher v = VALUE.matcher(t);
            if (!v.matches() || key == null) {
                return false;
            }
            String type = v.group(2);
            String data = v.group(3) == null ? "" : v.group(3);
            if (type.equals("REG_DWORD") || type.equals("REG_QWORD") || type.equals("REG_DWORD_BIG_ENDIAN")) {
                String dec = Numbers.hexToDecimal(data);
                if (dec == null) {
                    context.problem(line.locator(), "registry number not understood: " + data);
                    return true;
                }
                data = dec;
            } else if (type.equals("REG_MULTI_SZ")) {
                data = data.replace("\\0", "\n");
            }
            RegistryValues.emit(context, line.locator(), key, v.group(1).strip(), data);
            return true;
        }

        @Override
        public void finish() {
        }
    }
}
