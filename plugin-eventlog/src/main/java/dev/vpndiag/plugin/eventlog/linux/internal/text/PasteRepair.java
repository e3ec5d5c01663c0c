package dev.vpndiag.plugin.eventlog.linux.internal.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Undoes what pasting into a ticket, a forum or an issue does to log lines, so that a line the
 * envelope reader could not place gets a second chance: markdown quote prefixes, indents, bold
 * and code marks, quoted lines of a CSV or JSON export, a container runtime's time stamp in
 * front of the daemon's own, OpenWrt {@code logread} stamps and facility tags, month names in
 * other languages, runs of spaces inside the message, one daemon's tag wrapped in another's
 * (NetworkManager relaying its plugins), and several lines flattened into one.
 *
 * <p>Only lines that failed the strict reading come here, so clean files are read exactly as
 * before. Stateless and thread-safe.
 */
public final class PasteRepair {
    /** Longest line repaired; longer ones are left as they are. */
    private static final int MAX_LINE = 16 * 1024;
    /** Most lines one flattened line is split into. */
    private static final int MAX_SPLIT = 256;

    private static final Pattern LOGREAD_STAMP = Pattern.compile(
            "^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) +([A-Z][a-z]{2}) +(\\d{1,2}) (\\d\\d:\\d\\d:\\d\\d) (\\d{4}) ");
    private static final Pattern WORD_MONTH_STAMP = Pattern.compile(
            "^(\\S{1,12}?)\\.? +(\\d{1,2})\\.? +(\\d{1,2}:\\d\\d:\\d\\d(?:\\.\\d+)?) ");
    private static final Pattern DAY_FIRST_STAMP = Pattern.compile(
            "^(\\d{1,2})\\.? +(\\S{1,12}?)\\.? +(\\d{1,2}:\\d\\d:\\d\\d(?:\\.\\d+)?) ");
    /** A syslog facility and level as OpenWrt's logread and some routers print them: "daemon.info ". */
    private static final String FACILITY_LEVEL = "(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp"
            + "|local[0-7])\\.(?:emerg|alert|crit|err|error|warn|warning|notice|info|debug) ";
    private static final Pattern FACILITY = Pattern.compile("^" + FACILITY_LEVEL);
    private static final Pattern HOST_FACILITY = Pattern.compile("^(\\S+ )(" + FACILITY_LEVEL + ")");
    private static final Pattern LEAD_ISO = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d(?:[.,]\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)? +");
    private static final Pattern STAMP_AHEAD = Pattern.compile(
            "^(?:\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d|[A-Z][a-z]{2} +\\d{1,2} \\d\\d:\\d\\d:\\d\\d"
                    + "|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} |\\d{1,3}\\[[A-Z]{3}\\] )");
    /** Where a second log line starts inside one flattened line. */
    private static final Pattern EMBEDDED_START = Pattern.compile(
            " (?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\\d{1,2} \\d\\d:\\d\\d:\\d\\d \\S+ \\S+: )"
                    + "| (?=\\d{4}-\\d\\d-\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d\\S* \\S+ \\S+: )"
                    + "| (?=\\d{1,3}\\[(?:DMN|MGR|IKE|CHD|JOB|CFG|KNL|NET|ASN|ENC|TNC|IMC|IMV|PTS|TLS|APP|ESP|LIB)\\] )");
    private static final Pattern STAMP_ONLY = Pattern.compile(
            "^(?:\\d{4}-\\d\\d-\\d\\d[T ][\\d:.,]+(?:Z|[+-][\\d:]+)?|[A-Z][a-z]{2} +\\d{1,2} [\\d:.]+)(?: \\S+)?$");
    private static final Pattern WRAPPED_TAG = Pattern.compile(
            "^([A-Za-z][\\w.-]*(?:\\[\\d+\\])?: )(?:<\\w+> +)?((?:charon|charon-nm|charon-systemd|pluto|ipsec|xl2tpd|pppd)"
                    + "(?:\\[\\d+\\])?: )");
    private static final Pattern DOUBLED_TAG = Pattern.compile("^([\\w.-]+(?:\\[\\d+\\])?: )\\1");
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    private static final Map<String, Integer> MONTHS = months();

    private PasteRepair() {
    }

    /**
     * The line as it most likely was before it was pasted, possibly split into several lines;
     * an empty list when nothing could be repaired.
     */
    public static List<String> repair(String line) {
        if (line.length() > MAX_LINE) {
            return List.of();
        }
        String s = unwrap(line);
        s = restamp(s);
        s = untag(s);
        s = squeeze(s);
        List<String> lines = split(s);
        return lines.size() == 1 && lines.get(0).equals(line) ? List.of() : lines;
    }

    /** True when a time of day (hh:mm:ss) appears among the first characters of a line that has no envelope. */
    public static boolean stampedAhead(String line) {
        int n = Math.min(line.length() - 7, 48);
        for (int i = 0; i < n; i++) {
            if (line.charAt(i + 2) == ':' && line.charAt(i + 5) == ':' && Character.isDigit(line.charAt(i))
                    && Character.isDigit(line.charAt(i + 1)) && Character.isDigit(line.charAt(i + 3))
                    && Character.isDigit(line.charAt(i + 4)) && Character.isDigit(line.charAt(i + 6))) {
                return true;
            }
        }
        return false;
    }

    /** Removes markdown, quoting and a leading container stamp. */
    static String unwrap(String line) {
        // a router's web log separates stamp, level and message with tabs
        String s = (line.indexOf('\t') >= 0 ? line.replace('\t', ' ') : line).strip();
        for (int guard = 0; guard < 8; guard++) {
            String before = s;
            while (s.startsWith(">")) {
                s = s.substring(1).stripLeading();
            }
            if (s.startsWith("```")) {
                s = s.substring(3).strip();
            }
            s = trimPair(s, "**");
            s = trimPair(s, "__");
            if (s.length() > 1 && s.charAt(0) == '`') {
                s = s.substring(1, s.endsWith("`") ? s.length() - 1 : s.length()).strip();
            }
            if (s.length() > 1 && s.charAt(0) == '"' && (s.endsWith("\"") || s.endsWith("\","))) {
                s = s.substring(1, s.length() - (s.endsWith(",") ? 2 : 1)).replace("\"\"", "\"").replace("\\\"", "\"");
            }
            if (s.endsWith(",") || s.endsWith("_") || s.endsWith(">") && !s.contains("<")) {
                s = s.substring(0, s.length() - 1).stripTrailing();
            }
            if (s.startsWith("- ") || s.startsWith("* ") || s.startsWith("+ ")) {
                s = s.substring(2).stripLeading();
            }
            Matcher iso = LEAD_ISO.matcher(s);
            if (iso.find() && STAMP_AHEAD.matcher(s.substring(iso.end())).find()) {
                s = s.substring(iso.end());
            }
            if (s.equals(before)) {
                break;
            }
        }
        return s;
    }

    private static String trimPair(String s, String mark) {
        String t = s;
        if (t.startsWith(mark)) {
            t = t.substring(mark.length()).stripLeading();
        }
        if (t.endsWith(mark)) {
            t = t.substring(0, t.length() - mark.length()).stripTrailing();
        }
        return t;
    }

    /** Rewrites stamps the envelope reader does not know into ones it does. */
    static String restamp(String s) {
        Matcher m = LOGREAD_STAMP.matcher(s);
        if (m.find()) {
            Integer mo = MONTHS.get(m.group(1).toLowerCase(Locale.ROOT));
            if (mo != null) {
                String rest = s.substring(m.end());
                String after = noFacility(rest);
                return String.format(Locale.ROOT, after.startsWith(": ") ? "%s-%02d-%02dT%s%s" : "%s-%02d-%02dT%s %s",
                        m.group(4), mo, Integer.parseInt(m.group(2)), m.group(3), after);
            }
        }
        Matcher f = FACILITY.matcher(s);
        if (f.find()) {
            return s.substring(f.end());
        }
        String english = englishMonth(s);
        if (english != null) {
            s = english;
        }
        String rest = afterSyslogStamp(s);
        Matcher hf = HOST_FACILITY.matcher(rest);
        if (hf.find()) {
            int at = s.length() - rest.length();
            return s.substring(0, at) + hf.group(1) + s.substring(at + hf.end());
        }
        return s;
    }

    /** A facility tag in front of the program of a line whose stamp was rewritten: dropped; a host kept. */
    private static String noFacility(String rest) {
        if (rest.startsWith(": ")) {
            // macOS's /var/log/ppp.log: "Wed Jan  6 01:22:58 2021 : IPSec connection started", no program named
            return ": " + rest.substring(2);
        }
        Matcher f = FACILITY.matcher(rest);
        if (f.find()) {
            String after = rest.substring(f.end());
            // OpenWrt logs charon without a program name: "daemon.info : 08[KNL] ..."
            return after.startsWith(": ") ? after.substring(2) : "localhost " + after;
        }
        Matcher hf = HOST_FACILITY.matcher(rest);
        if (hf.find()) {
            return hf.group(1) + rest.substring(hf.end());
        }
        return rest;
    }

    private static String afterSyslogStamp(String s) {
        if (s.length() > 16 && s.charAt(3) == ' ' && s.charAt(9) == ':' && s.charAt(15) == ' ') {
            return s.substring(16);
        }
        Matcher iso = LEAD_ISO.matcher(s);
        return iso.find() ? s.substring(iso.end()) : "";
    }

    /** "7월 3 10:00:00", "abr 3 10:00:00", "3. Mai 10:00:00" as "Jul  3 10:00:00", or null. */
    private static String englishMonth(String s) {
        Matcher m = WORD_MONTH_STAMP.matcher(s);
        String month = null;
        String day = null;
        String time = null;
        int end = 0;
        if (m.find()) {
            month = m.group(1);
            day = m.group(2);
            time = m.group(3);
            end = m.end();
        } else {
            Matcher d = DAY_FIRST_STAMP.matcher(s);
            if (d.find()) {
                month = d.group(2);
                day = d.group(1);
                time = d.group(3);
                end = d.end();
            }
        }
        if (month == null) {
            return null;
        }
        Integer mo = monthNumber(month);
        if (mo == null) {
            return null;
        }
        int dd = Integer.parseInt(day);
        String english = "JanFebMarAprMayJunJulAugSepOctNovDec".substring((mo - 1) * 3, mo * 3);
        String hms = time.length() == 7 || time.indexOf(':') == 1 ? "0" + time : time;
        String rewritten = String.format(Locale.ROOT, "%s %2d %s ", english, dd, hms);
        return s.startsWith(rewritten) ? null : rewritten + s.substring(end);
    }

    private static Integer monthNumber(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.endsWith("월") || w.endsWith("月")) {
            try {
                int n = Integer.parseInt(w.substring(0, w.length() - 1));
                return n >= 1 && n <= 12 ? n : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        Integer mo = MONTHS.get(w);
        if (mo == null && w.length() > 3) {
            mo = MONTHS.get(w.substring(0, 3));
        }
        return mo;
    }

    /** Removes a wrapper's tag in front of a daemon's own, and a tag written twice. */
    static String untag(String s) {
        String head = afterSyslogStamp(s);
        int at = s.length() - head.length();
        // "host prog[pid]: ..." after a stamp: the host is the first token
        int sp = head.indexOf(' ');
        String tagged = head;
        int tagAt = at;
        if (sp > 0 && !head.substring(0, sp).endsWith(":")) {
            tagged = head.substring(sp + 1);
            tagAt = at + sp + 1;
        }
        Matcher w = WRAPPED_TAG.matcher(tagged);
        if (w.find() && !w.group(1).equals(w.group(2))) {
            return s.substring(0, tagAt) + w.group(2) + tagged.substring(w.end());
        }
        Matcher d = DOUBLED_TAG.matcher(tagged);
        if (d.find()) {
            return s.substring(0, tagAt) + d.group(1) + tagged.substring(d.end());
        }
        return s;
    }

    /** Runs of spaces inside the message become one; the stamp's padded day is kept. */
    static String squeeze(String s) {
        if (!s.contains("  ")) {
            return s;
        }
        int keep = s.length() > 16 && s.charAt(3) == ' ' && s.charAt(4) == ' ' && s.charAt(6) == ' ' ? 6 : 0;
        return s.substring(0, keep) + SPACES.matcher(s.substring(keep)).replaceAll(" ");
    }

    /** Splits a line that holds several log lines, each starting with its own stamp or charon thread tag. */
    static List<String> split(String s) {
        Matcher m = EMBEDDED_START.matcher(s);
        if (!m.find()) {
            return List.of(s);
        }
        List<String> out = new ArrayList<>();
        int from = 0;
        do {
            String before = s.substring(from, m.start());
            if (STAMP_ONLY.matcher(before).matches() || before.endsWith(":")) {
                continue; // the thread tag right after the line's own stamp (and host) or program tag starts no new line
            }
            if (!before.isEmpty()) {
                out.add(before);
            }
            from = m.end();
        } while (out.size() < MAX_SPLIT && m.find());
        out.add(s.substring(from));
        return out;
    }

    private static Map<String, Integer> months() {
        String[][] names = {
            {"jan", "ene", "gen", "janv", "jän", "sty", "янв", "січ", "oca", "led"},
            {"feb", "fev", "fév", "févr", "lut", "фев", "лют", "şub", "úno"},
            {"mar", "mär", "mrt", "bre", "мар", "бер", "bře"},
            {"apr", "abr", "avr", "kwi", "апр", "кві", "nis", "dub"},
            {"may", "mai", "mag", "mei", "maj", "мая", "май", "тра", "kvě"},
            {"jun", "juin", "giu", "cze", "июн", "чер", "haz", "čer", "jún"},
            {"jul", "juil", "lug", "lip", "июл", "лип", "tem", "čvc", "júl"},
            {"aug", "ago", "aoû", "août", "sie", "авг", "сер", "ağu", "srp"},
            {"sep", "set", "sept", "wrz", "сен", "вер", "eyl", "zář"},
            {"oct", "okt", "out", "ott", "paź", "окт", "жов", "eki", "říj"},
            {"nov", "lis", "ноя", "лис", "kas", "noi"},
            {"dec", "dic", "dez", "déc", "gru", "дек", "гру", "ara", "pro"},
        };
        Map<String, Integer> m = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            for (String n : names[i]) {
                m.putIfAbsent(n, i + 1);
            }
        }
        return Map.copyOf(m);
    }
}
