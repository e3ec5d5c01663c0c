package dev.vpndiag.plugin.eventlog.linux.internal.text;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Removes the envelope of a log line: charon file log timestamps, syslog and
 * {@code journalctl -o short}/{@code short-iso} prefixes, {@code journalctl -o json} objects, or
 * a bare {@code program[pid]: } tag. Times without a year take the year hint (from a journal
 * header or the file date) and roll over at the new year. Times without a zone are read as UTC.
 * Not thread-safe; one instance per file.
 */
public final class Envelope {

    /** What {@link #parse} found. */
    public enum Result {
        /** A line with its program and message set. */
        LINE,
        /** An empty line or a journal marker such as {@code -- Boot ... --}. */
        SKIP,
        /** A line that starts like a log line but whose envelope could not be read. */
        MALFORMED
    }

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private Integer yearHint;
    private int lastMonth;
    private String lastStamp;
    private Instant lastInstant;

    /** Sets the year for timestamps that carry none, or null to leave their time unknown. */
    public void yearHint(Integer year) {
        this.yearHint = year;
    }

    /** Parses one line into {@code out}. */
    public Result parse(String s, LogLine out) {
        int n = s.length();
        if (n == 0 || s.isBlank()) {
            return Result.SKIP;
        }
        char c0 = s.charAt(0);
        if (c0 == '#' && s.startsWith("# ")) {
            return Result.SKIP; // an annotation line
        }
        if (c0 == '{') {
            return json(s, out);
        }
        if (c0 == '-' && s.startsWith("-- ")) {
            journalMarker(s);
            return Result.SKIP;
        }
        int after = -1;
        if (c0 >= '0' && c0 <= '9' && n >= 20 && s.charAt(4) == '-' && s.charAt(7) == '-'
                && (s.charAt(10) == ' ' || s.charAt(10) == 'T')) {
            after = isoStamp(s, out);
        } else if (c0 >= 'A' && c0 <= 'S' && n >= 16 && s.charAt(3) == ' ' && s.charAt(9) == ':') {
            after = syslogStamp(s, out);
        }
        if (after > 0) {
            return afterStamp(s, after, out);
        }
        return noStamp(s, out);
    }

    private Result afterStamp(String s, int at, LogLine out) {
        int p = at;
        int n = s.length();
        while (p < n && s.charAt(p) == ' ') {
            p++;
        }
        if (charonThread(s, p)) {
            out.program = Program.CHARON;
            out.message = s.substring(p);
            return Result.LINE;
        }
        int sp = s.indexOf(' ', p);
        // "prog[pid]: msg" directly after the time
        int tagEnd = tagEnd(s, p, sp < 0 ? n : sp);
        if (tagEnd > 0) {
            return tagged(s, p, tagEnd, out);
        }
        if (sp < 0) {
            return Result.MALFORMED;
        }
        int q = sp + 1;
        int sp2 = s.indexOf(' ', q);
        tagEnd = tagEnd(s, q, sp2 < 0 ? n : sp2);
        if (tagEnd > 0) {
            return tagged(s, q, tagEnd, out);
        }
        return Result.MALFORMED;
    }

    private Result noStamp(String s, LogLine out) {
        if (charonThread(s, 0)) {
            out.program = Program.CHARON;
            out.message = s;
            return Result.LINE;
        }
        int sp = s.indexOf(' ');
        int tagEnd = tagEnd(s, 0, sp < 0 ? s.length() : sp);
        if (tagEnd > 0) {
            Program p = programOf(s, 0, tagEnd);
            boolean bracketed = s.charAt(tagEnd - 2) == ']';
            if (bracketed || p != Program.OTHER || s.lastIndexOf('/', tagEnd) >= 0) {
                return tagged(s, 0, tagEnd, out);
            }
        }
        // a tag glued behind the rest of an earlier line, as in " (ref=0/0)xl2tpd[42]: ..."
        int close = s.indexOf("]: ");
        if (close > 0) {
            int q = close - 1;
            while (q > 0 && Character.isDigit(s.charAt(q))) {
                q--;
            }
            if (q < close - 1 && s.charAt(q) == '[') {
                int nameEnd = q;
                while (q > 0 && isNameChar(s.charAt(q - 1))) {
                    q--;
                }
                if (q < nameEnd && Program.ofIdentifier(s.substring(q, nameEnd)) != Program.OTHER) {
                    return tagged(s, q, close + 2, out);
                }
            }
        }
        out.program = Program.NONE;
        out.message = s;
        return Result.LINE;
    }

    private Result tagged(String s, int from, int tagEnd, LogLine out) {
        out.program = programOf(s, from, tagEnd);
        int m = tagEnd;
        if (m < s.length() && s.charAt(m) == ' ') {
            m++;
        }
        out.message = s.substring(m);
        return Result.LINE;
    }

    private static Program programOf(String s, int from, int tagEnd) {
        int end = tagEnd - 1; // drop ':'
        if (s.charAt(end - 1) == ']') {
            end = s.lastIndexOf('[', end);
        }
        return Program.ofIdentifier(s.substring(from, end));
    }

    /** End (exclusive, after ':') of a "name[pid]:" or "name:" tag in [from, to), or -1. */
    private static int tagEnd(String s, int from, int to) {
        if (to - from < 2 || s.charAt(to - 1) != ':') {
            return -1;
        }
        int i = from;
        while (i < to - 1 && isNameChar(s.charAt(i))) {
            i++;
        }
        if (i == from) {
            return -1;
        }
        if (i == to - 1) {
            return to;
        }
        if (s.charAt(i) != '[') {
            return -1;
        }
        int j = i + 1;
        while (j < to - 1 && Character.isDigit(s.charAt(j))) {
            j++;
        }
        return j > i + 1 && j == to - 2 && s.charAt(j) == ']' ? to : -1;
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '/' || c == '@';
    }

    /** True when a charon "NN[GRP] " thread/group prefix starts at p. */
    public static boolean charonThread(String s, int p) {
        int n = s.length();
        int i = p;
        while (i < n && i - p < 3 && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == p || i + 5 > n || s.charAt(i) != '[' || s.charAt(i + 4) != ']') {
            return false;
        }
        for (int k = i + 1; k < i + 4; k++) {
            char c = s.charAt(k);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return i + 5 == n || s.charAt(i + 5) == ' ';
    }

    // ---- time stamps

    private int isoStamp(String s, LogLine out) {
        int y = num(s, 0, 4);
        int mo = num(s, 5, 2);
        int d = num(s, 8, 2);
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return -1;
        }
        int h = num(s, 11, 2);
        int mi = num(s, 14, 2);
        int se = num(s, 17, 2);
        if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) {
            return -1;
        }
        int p = 19;
        int n = s.length();
        long nanos = 0;
        if (p < n && (s.charAt(p) == '.' || s.charAt(p) == ',')) {
            p++;
            long scale = 100_000_000L;
            while (p < n && Character.isDigit(s.charAt(p))) {
                nanos += (s.charAt(p) - '0') * scale;
                scale /= 10;
                p++;
            }
        }
        int offsetSeconds = 0;
        if (p < n && s.charAt(p) == 'Z') {
            p++;
        } else if (p + 5 <= n && (s.charAt(p) == '+' || s.charAt(p) == '-')) {
            int sign = s.charAt(p) == '-' ? -1 : 1;
            int oh = num(s, p + 1, 2);
            int om;
            int len;
            if (p + 6 <= n && s.charAt(p + 3) == ':') {
                om = num(s, p + 4, 2);
                len = 6;
            } else {
                om = num(s, p + 3, 2);
                len = 5;
            }
            if (oh < 0 || om < 0) {
                return -1;
            }
            offsetSeconds = sign * (oh * 3600 + om * 60);
            p += len;
        }
        if (p < n && s.charAt(p) != ' ') {
            return -1;
        }
        if (y > 1970 && y < 3000) {
            yearHint = y;
        }
        out.time = instant(s, p, y, mo, d, h, mi, se, nanos, offsetSeconds);
        return p;
    }

    private int syslogStamp(String s, LogLine out) {
        int idx = MONTHS.indexOf(s.substring(0, 3));
        if (idx < 0 || idx % 3 != 0) {
            return -1;
        }
        int mo = idx / 3 + 1;
        int d = s.charAt(4) == ' ' ? num(s, 5, 1) : num(s, 4, 2);
        int h = num(s, 7, 2);
        int mi = num(s, 10, 2);
        int se = num(s, 13, 2);
        if (d < 1 || h < 0 || h > 23 || mi < 0 || s.charAt(12) != ':' || se < 0 || s.charAt(6) != ' ') {
            return -1;
        }
        int p = 15;
        long nanos = 0;
        int n = s.length();
        if (p < n && s.charAt(p) == '.') {
            p++;
            long scale = 100_000_000L;
            while (p < n && Character.isDigit(s.charAt(p))) {
                nanos += (s.charAt(p) - '0') * scale;
                scale /= 10;
                p++;
            }
        }
        if (p < n && s.charAt(p) != ' ') {
            return -1;
        }
        if (yearHint == null) {
            out.time = null;
            return p;
        }
        if (lastMonth == 12 && mo == 1) {
            yearHint = yearHint + 1;
        }
        lastMonth = mo;
        out.time = instant(s, p, yearHint, mo, d, h, mi, se, nanos, 0);
        return p;
    }

    private Instant instant(String s, int len, int y, int mo, int d, int h, int mi, int se, long nanos, int offset) {
        if (lastStamp != null && lastStamp.length() == len && s.startsWith(lastStamp)) {
            return lastInstant;
        }
        Instant t;
        try {
            long day = LocalDate.of(y, mo, d).toEpochDay();
            t = Instant.ofEpochSecond(day * 86400L + h * 3600L + mi * 60L + se - offset, nanos);
        } catch (java.time.DateTimeException e) {
            t = null;
        }
        lastStamp = s.substring(0, len);
        lastInstant = t;
        return t;
    }

    private static int num(String s, int from, int len) {
        if (from + len > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private void journalMarker(String s) {
        // "-- Logs begin at Mon 2026-11-23 13:25:45 UTC, end at ..." / "-- Journal begins at ..."
        int at = s.indexOf(" at ");
        if (at > 0) {
            for (int i = at; i + 10 <= s.length(); i++) {
                if (Character.isDigit(s.charAt(i)) && i + 4 < s.length() && s.charAt(i + 4) == '-') {
                    int y = num(s, i, 4);
                    if (y > 1970 && y < 3000) {
                        yearHint = y;
                    }
                    return;
                }
            }
        }
    }

    // ---- journalctl -o json

    private Result json(String s, LogLine out) {
        if (!s.endsWith("}")) {
            return Result.MALFORMED;
        }
        String message = jsonField(s, "MESSAGE");
        if (message == null) {
            return s.contains("\"__CURSOR\"") || s.contains("\"__REALTIME_TIMESTAMP\"") ? Result.SKIP : Result.MALFORMED;
        }
        String ident = jsonField(s, "SYSLOG_IDENTIFIER");
        if (ident == null) {
            ident = jsonField(s, "_COMM");
        }
        String micros = jsonField(s, "__REALTIME_TIMESTAMP");
        if (micros != null) {
            try {
                long us = Long.parseLong(micros);
                out.time = Instant.ofEpochSecond(us / 1_000_000L, (us % 1_000_000L) * 1000L);
            } catch (NumberFormatException e) {
                out.time = null;
            }
        }
        out.program = ident == null ? Program.NONE : Program.ofIdentifier(ident);
        out.saName = jsonField(s, "IKE_SA_NAME");
        out.saId = jsonField(s, "IKE_SA_UNIQUE_ID");
        // charon-systemd puts the thread and group in fields; other loggers in the text
        out.message = message;
        return Result.LINE;
    }

    /** The value of a top-level field of a one-line JSON object, as text; null when absent. */
    static String jsonField(String s, String key) {
        String k = "\"" + key + "\"";
        int i = s.indexOf(k);
        while (i >= 0) {
            int p = i + k.length();
            while (p < s.length() && s.charAt(p) == ' ') {
                p++;
            }
            if (p < s.length() && s.charAt(p) == ':') {
                p++;
                while (p < s.length() && s.charAt(p) == ' ') {
                    p++;
                }
                return jsonValue(s, p);
            }
            i = s.indexOf(k, i + 1);
        }
        return null;
    }

    private static String jsonValue(String s, int p) {
        int n = s.length();
        if (p >= n) {
            return null;
        }
        char c = s.charAt(p);
        if (c == '"') {
            StringBuilder b = new StringBuilder();
            for (int i = p + 1; i < n; i++) {
                char ch = s.charAt(i);
                if (ch == '"') {
                    return b.toString();
                }
                if (ch == '\\' && i + 1 < n) {
                    char e = s.charAt(++i);
                    switch (e) {
                        case 'n': b.append('\n'); break;
                        case 't': b.append('\t'); break;
                        case 'r': b.append('\r'); break;
                        case 'b': b.append('\b'); break;
                        case 'f': b.append('\f'); break;
                        case 'u':
                            if (i + 4 < n) {
                                try {
                                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                                } catch (NumberFormatException ex) {
                                    return null;
                                }
                                i += 4;
                            } else {
                                return null;
                            }
                            break;
                        default: b.append(e);
                    }
                } else {
                    b.append(ch);
                }
            }
            return null;
        }
        if (c == '[') {
            // non-UTF-8 messages are exported as arrays of byte values
            int end = s.indexOf(']', p);
            if (end < 0 || end - p > 64 * 1024) {
                return null;
            }
            String[] parts = s.substring(p + 1, end).split(",");
            byte[] bytes = new byte[parts.length];
            int len = 0;
            for (String part : parts) {
                String t = part.trim();
                if (t.isEmpty()) {
                    continue;
                }
                try {
                    bytes[len++] = (byte) Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return new String(bytes, 0, len, StandardCharsets.UTF_8);
        }
        int i = p;
        while (i < n && s.charAt(i) != ',' && s.charAt(i) != '}') {
            i++;
        }
        String v = s.substring(p, i).trim();
        return "null".equals(v) ? null : v;
    }
}
