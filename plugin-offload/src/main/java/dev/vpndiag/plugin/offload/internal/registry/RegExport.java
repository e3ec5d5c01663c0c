package dev.vpndiag.plugin.offload.internal.registry;

import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.Numbers;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Registry export files ({@code .reg}): {@code Windows Registry Editor Version 5.00} (regedit 5,
 * written as UTF-16LE) or {@code REGEDIT4} (ANSI), {@code [KEY]} lines, {@code "name"=data} and
 * {@code @=data} values with {@code \}-continued hex data. dword data becomes decimal text, qword
 * ({@code hex(b)}) too; strings are unescaped; {@code hex(2)}/{@code hex(7)} become their text
 * (multi-strings joined by newlines); other binary data is lower-case hex without separators.
 *
 * <p>Each key block also gives the names of its values ({@code RegistryKey}). An export lists every
 * value of every key it holds, so a block is complete when it is closed by the next key or by the
 * blank line regedit writes after each block; a block the file (or the section) ends in without that
 * blank line may have been cut, and so may a block with a value line that could not be read.
 */
public final class RegExport implements SectionStarter {

    @Override
    public Platform platform() {
        return Platform.WINDOWS;
    }
    private static final int MAX_VALUE = 64 * 1024;

    @Override
    public Section start(Line line, ReadContext context) {
        String t = line.text().strip();
        if (t.equals("Windows Registry Editor Version 5.00")) {
            return new Block(context, StandardCharsets.UTF_16LE);
        }
        if (t.equals("REGEDIT4")) {
            return new Block(context, Charset.forName("windows-1252"));
        }
        if (t.startsWith("[HKEY_") && t.endsWith("]")) {
            Block b = new Block(context, StandardCharsets.UTF_16LE);
            b.accept(line);
            return b;
        }
        return null;
    }

    private static final class Block implements Section {
        private final ReadContext context;
        private final Charset textCharset;
        private String key;
        private KeyListing listing;
        private boolean closedByBlank;
        private StringBuilder pending;
        private long pendingLine;

        Block(ReadContext context, Charset textCharset) {
            this.context = context;
            this.textCharset = textCharset;
        }

        @Override
        public boolean accept(Line line) {
            String t = line.text();
            if (pending != null) {
                String part = t.strip();
                boolean more = part.endsWith("\\");
                if (pending.length() < MAX_VALUE) {
                    pending.append(more ? part.substring(0, part.length() - 1) : part);
                }
                if (!more) {
                    String whole = pending.toString();
                    pending = null;
                    value(whole, pendingLine);
                }
                return true;
            }
            String s = t.strip();
            if (s.isEmpty()) {
                closedByBlank = true;
                return true;
            }
            if (s.startsWith(";")) {
                return true;
            }
            if (s.startsWith("[") && s.endsWith("]")) {
                String k = s.substring(1, s.length() - 1);
                closeListing(true);
                closedByBlank = false;
                key = k.startsWith("-") ? null : RegistryValues.normalizeKey(k);
                listing = key == null ? null : KeyListing.of(key, line.number());
                return true;
            }
            if (s.startsWith("\"") || s.startsWith("@=")) {
                closedByBlank = false;
                if (s.endsWith("\\") && s.indexOf("=hex") > 0) {
                    pending = new StringBuilder(s.substring(0, s.length() - 1));
                    pendingLine = line.number();
                } else {
                    value(s, line.number());
                }
                return true;
            }
            return false;
        }

        private void value(String s, long lineNo) {
            String locator = "line " + lineNo;
            String name;
            String data;
            if (s.startsWith("@=")) {
                name = "(Default)";
                data = s.substring(2);
            } else {
                int end = closingQuote(s, 1);
                if (end < 0 || end + 1 >= s.length() || s.charAt(end + 1) != '=') {
                    context.problem(locator, "registry value line not understood");
                    if (listing != null) {
                        listing.doubt(lineNo);
                    }
                    return;
                }
                name = unescape(s.substring(1, end));
                data = s.substring(end + 2);
            }
            if (key == null) {
                return;
            }
            if (data.equals("-")) {
                // a value deleted on import: the file is not a picture of the key
                if (listing != null) {
                    listing.doubt(lineNo);
                }
                return;
            }
            if (listing != null) {
                listing.add(name, lineNo);
            }
            String text = decode(data.strip());
            if (text == null) {
                context.problem(locator, "registry data not understood for value " + name);
                return;
            }
            RegistryValues.emit(context, locator, key, name, text);
        }

        private String decode(String data) {
            if (data.startsWith("\"")) {
                int end = closingQuote(data, 1);
                return end < 0 ? null : unescape(data.substring(1, end));
            }
            if (data.regionMatches(true, 0, "dword:", 0, 6)) {
                String hex = data.substring(6);
                return hex.length() == 8 ? Numbers.hexToDecimal(hex) : null;
            }
            int colon = data.indexOf(':');
            if (colon < 0 || !data.regionMatches(true, 0, "hex", 0, 3)) {
                return null;
            }
            String type = data.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
            byte[] bytes = hexBytes(data.substring(colon + 1));
            if (bytes == null) {
                return null;
            }
            switch (type) {
                case "hex(b)": {
                    if (bytes.length != 8) {
                        return null;
                    }
                    long v = 0;
                    for (int i = 7; i >= 0; i--) {
                        v = (v << 8) | (bytes[i] & 0xFF);
                    }
                    return Long.toUnsignedString(v);
                }
                case "hex(4)": {
                    if (bytes.length != 4) {
                        return null;
                    }
                    long v = (bytes[0] & 0xFFL) | (bytes[1] & 0xFFL) << 8 | (bytes[2] & 0xFFL) << 16 | (bytes[3] & 0xFFL) << 24;
                    return Long.toString(v);
                }
                case "hex(2)", "hex(1)":
                    return strings(bytes).isEmpty() ? "" : strings(bytes).get(0);
                case "hex(7)":
                    return String.join("\n", strings(bytes));
                default: {
                    StringBuilder b = new StringBuilder(bytes.length * 2);
                    for (byte x : bytes) {
                        b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
                    }
                    return b.toString();
                }
            }
        }

        private List<String> strings(byte[] bytes) {
            String all = new String(bytes, textCharset);
            List<String> out = new ArrayList<>();
            for (String part : all.split("\u0000", -1)) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
            return out;
        }

        private static byte[] hexBytes(String s) {
            String t = s.strip();
            if (t.isEmpty()) {
                return new byte[0];
            }
            String[] parts = t.split("\\s*,\\s*");
            byte[] out = new byte[parts.length];
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.length() != 2) {
                    return null;
                }
                int hi = Character.digit(p.charAt(0), 16);
                int lo = Character.digit(p.charAt(1), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out[i] = (byte) (hi << 4 | lo);
            }
            return out;
        }

        private static int closingQuote(String s, int from) {
            for (int i = from; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    return i;
                }
            }
            return -1;
        }

        private static String unescape(String s) {
            if (s.indexOf('\\') < 0) {
                return s;
            }
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    c = s.charAt(++i);
                }
                b.append(c);
            }
            return b.toString();
        }

        private void closeListing(boolean complete) {
            if (listing != null) {
                listing.emit(context, complete, null);
                listing = null;
            }
        }

        @Override
        public void finish() {
            if (pending != null) {
                context.problem("line " + pendingLine, "registry value continued past the end of the export");
                if (listing != null) {
                    listing.doubt(pendingLine);
                }
            }
            closeListing(closedByBlank && pending == null);
        }
    }
}
