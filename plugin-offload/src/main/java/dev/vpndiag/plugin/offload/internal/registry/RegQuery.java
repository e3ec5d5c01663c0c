package dev.vpndiag.plugin.offload.internal.registry;

import dev.vpndiag.api.fact.Platform;
import dev.vpndiag.api.fact.RegistryKey;
import dev.vpndiag.plugin.offload.internal.text.Line;
import dev.vpndiag.plugin.offload.internal.text.Numbers;
import dev.vpndiag.plugin.offload.internal.text.ReadContext;
import dev.vpndiag.plugin.offload.internal.text.Section;
import dev.vpndiag.plugin.offload.internal.text.SectionStarter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code reg query KEY [/v NAME] [/s]} output: a key line ({@code HKEY_LOCAL_MACHINE\...}) and
 * indented {@code NAME  REG_TYPE  DATA} lines, separated by four spaces (Vista and later) or tabs
 * (Windows XP's reg.exe 3.0, which also prints {@code ! REG.EXE VERSION 3.0}). REG_DWORD and
 * REG_QWORD data ({@code 0x2}) become decimal text.
 *
 * <p>Each key block also gives the names of its values ({@code RegistryKey}); how far they can be
 * trusted depends on the command, taken from the echoed prompt line when it names the same key
 * ({@link Query}). Without {@code /v} or {@code /f} the queried key's block (and with {@code /s}
 * every block) lists all values; with {@code /v NAME} a block is complete for NAME only; a search
 * ({@code /f}) is never complete; subkeys printed without {@code /s} show no values and are not
 * complete. The English "unable to find the specified registry key or value" answer to an echoed
 * query gives the queried key with no names, complete for the queried value (or for every value
 * when none was named: the key does not exist). Without an echoed command, a block that printed two
 * or more values is taken as complete (only a plain query prints several values of one key, and a
 * search ends with {@code End of search}); fewer, or any block of a search, is not. A block is only
 * complete when the blank line, key or trailer that closes it was read: output cut after a value line
 * may have lost the rest.
 */
public final class RegQuery implements SectionStarter {

    @Override
    public Platform platform() {
        return Platform.WINDOWS;
    }
    private static final Pattern KEY = Pattern.compile("^(HKEY_[A-Z_]+|HKLM|HKCU|HKU|HKCR|HKCC)(\\\\.*)?$");
    private static final Pattern VALUE = Pattern.compile(
            "^(?: {2,}|\\t)(.*?)(?: {2,}|\\t+)(REG_[A-Z0-9_]+)(?:(?: {2,}|\\t+)(.*?))?\\s*$");
    private static final Pattern VERSION = Pattern.compile("^! REG\\.EXE VERSION [\\d.]+\\s*$");
    private static final Pattern TRAILER = Pattern.compile(
            "^(?:End of search: \\d+ match\\(es\\) found\\.|ERROR: .*|FEHLER: .*|ERREUR : .*|The operation completed successfully\\.)\\s*$");
    private static final Pattern NOT_FOUND = Pattern.compile(
            "^ERROR:\\s+The system was unable to find the specified registry key or value\\.?\\s*$", Pattern.CASE_INSENSITIVE);
    /** How far below its echoed command a "not found" answer may stand. */
    private static final int ANSWER_DISTANCE = 3;
    /** Listings held back (no echoed command) until the output shows whether it was a search. */
    private static final int MAX_HELD = 256;

    @Override
    public Section start(Line line, ReadContext context) {
        String t = line.text();
        if (t.isEmpty() || "EFT!H".indexOf(t.charAt(0)) < 0) {
            return null;
        }
        if (TRAILER.matcher(t).matches() || (t.startsWith("HK") && KEY.matcher(t.strip()).matches())) {
            Block b = new Block(context, Query.echoed(context));
            b.accept(line);
            return b;
        }
        if (VERSION.matcher(t).matches()) {
            return new Block(context, Query.echoed(context));
        }
        return null;
    }

    /**
     * The echoed {@code reg query} command line.
     *
     * @param key        the queried key, hive spelled short
     * @param valueName  the value named by {@code /v} ({@code (Default)} for {@code /ve}), or null
     * @param recursive  {@code /s}
     * @param search     {@code /f}
     * @param line       the line the command was echoed on
     */
    record Query(String key, String valueName, boolean recursive, boolean search, long line) {
        /** The last echoed command when it is a {@code reg query}, or null. */
        static Query echoed(ReadContext context) {
            return parse(context.lastCommandAsTyped(), context.lastCommandLine());
        }

        static Query parse(String command, long line) {
            List<String> words = words(command);
            if (words.size() < 3 || !words.get(1).equalsIgnoreCase("query")) {
                return null;
            }
            String program = words.get(0).toLowerCase(java.util.Locale.ROOT);
            if (!(program.equals("reg") || program.equals("reg.exe") || program.endsWith("\\reg.exe")
                    || program.endsWith("\\reg"))) {
                return null;
            }
            String key = words.get(2);
            if (!KEY.matcher(key).matches()) {
                return null;
            }
            String valueName = null;
            boolean recursive = false;
            boolean search = false;
            for (int i = 3; i < words.size(); i++) {
                String w = words.get(i);
                if (w.length() < 2 || (w.charAt(0) != '/' && w.charAt(0) != '-')) {
                    continue;
                }
                switch (w.substring(1).toLowerCase(java.util.Locale.ROOT)) {
                    case "v" -> {
                        if (i + 1 < words.size()) {
                            valueName = words.get(++i);
                        }
                    }
                    case "ve" -> valueName = "(Default)";
                    case "s" -> recursive = true;
                    case "f" -> search = true;
                    default -> {
                    }
                }
            }
            String k = RegistryValues.normalizeKey(key);
            while (k.endsWith("\\")) {
                k = k.substring(0, k.length() - 1);
            }
            return new Query(k, valueName, recursive, search, line);
        }

        /** The command split at white space, double quotes grouping. */
        private static List<String> words(String command) {
            List<String> out = new java.util.ArrayList<>();
            StringBuilder w = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            for (int i = 0; i < command.length(); i++) {
                char c = command.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                    any = true;
                } else if (Character.isWhitespace(c) && !quoted) {
                    if (any) {
                        out.add(w.toString());
                        w.setLength(0);
                        any = false;
                    }
                } else {
                    w.append(c);
                    any = true;
                }
            }
            if (any) {
                out.add(w.toString());
            }
            return out;
        }

        /** True when a block for this key is part of this query's answer. */
        boolean covers(String key) {
            return key.equalsIgnoreCase(this.key)
                    || (key.length() > this.key.length() + 1 && key.regionMatches(true, 0, this.key, 0, this.key.length())
                    && key.charAt(this.key.length()) == '\\');
        }
    }

    private static final class Block implements Section {
        private final ReadContext context;
        private Query query;
        private boolean queryChecked;
        private boolean answered;
        private String key;
        private KeyListing listing;
        private boolean searchSeen;
        private final Deque<KeyListing> held = new ArrayDeque<>();
        private final Deque<Boolean> heldClean = new ArrayDeque<>();

        Block(ReadContext context, Query query) {
            this.context = context;
            this.query = query;
        }

        @Override
        public boolean accept(Line line) {
            String t = line.text();
            if (t.isBlank()) {
                close(true);
                return true;
            }
            if (TRAILER.matcher(t).matches()) {
                close(true);
                if (t.startsWith("End of search")) {
                    searchSeen = true;
                } else if (NOT_FOUND.matcher(t).matches()) {
                    notFound(line);
                }
                return true;
            }
            if (!Character.isWhitespace(t.charAt(0)) && KEY.matcher(t.strip()).matches()) {
                close(true);
                key = RegistryValues.normalizeKey(t.strip());
                queryChecked = true;
                if (query != null && !query.covers(key)) {
                    // output of another command (pasted without its prompt): read it as such
                    query = null;
                }
                listing = KeyListing.of(key, line.number());
                return true;
            }
            Matcher v = VALUE.matcher(t);
            if (!v.matches() || key == null) {
                return false;
            }
            String name = v.group(1).strip();
            if (listing != null) {
                listing.add(name, line.number());
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
            RegistryValues.emit(context, line.locator(), key, name, data);
            return true;
        }

        /** The answer to an echoed query that found nothing: the queried key lacks the value (or has none). */
        private void notFound(Line line) {
            if (query == null || queryChecked || answered || line.number() - query.line() > ANSWER_DISTANCE
                    || line.number() <= query.line() || query.search() || !RegistryValues.relevantKey(query.key())) {
                return;
            }
            answered = true;
            context.emit(new RegistryKey(context.ref(line.locator()), context.side(), null, query.key(), List.of(), true,
                    query.valueName()));
        }

        /** Ends the current key's listing; {@code clean} when what closed it was read, not the end of the output. */
        private void close(boolean clean) {
            if (listing == null) {
                return;
            }
            KeyListing l = listing;
            listing = null;
            if (query != null) {
                decide(l, clean);
                return;
            }
            if (held.size() == MAX_HELD) {
                held.removeFirst().emit(context, false, null);
                heldClean.removeFirst();
            }
            held.addLast(l);
            heldClean.addLast(clean);
        }

        private void decide(KeyListing l, boolean clean) {
            if (query != null) {
                if (query.search()) {
                    l.emit(context, false, null);
                } else if (query.valueName() != null) {
                    l.emit(context, clean, query.valueName());
                } else {
                    l.emit(context, clean && (query.recursive() || l.key().equalsIgnoreCase(query.key())), null);
                }
            } else {
                l.emit(context, clean && !searchSeen && l.size() >= 2, null);
            }
        }

        @Override
        public void finish() {
            close(false);
            while (!held.isEmpty()) {
                decide(held.removeFirst(), heldClean.removeFirst());
            }
            if (queryChecked || answered) {
                context.forgetCommand();
            }
        }
    }
}
