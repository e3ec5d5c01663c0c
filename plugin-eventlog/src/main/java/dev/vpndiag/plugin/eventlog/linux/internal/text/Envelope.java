package dev.vpndiag.plugin.eventlog.linux.internal.text;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

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

    private static final byte[] MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec".getBytes(StandardCharsets.ISO_8859_1);

    private static final byte[] TAG_CLOSE = {']', ':', ' '};
    private static final byte[] AT = {' ', 'a', 't', ' '};

    /** {@link #scan} result: an empty line, annotation or journal marker. */
    public static final int SKIP = -1;
    /** {@link #scan} result: a time-stamped line whose program part could not be read. */
    public static final int MALFORMED = -2;
    /** {@link #scan} result: a JSON object, read by {@link #parse} only. */
    public static final int JSON = -3;

    private Integer yearHint;
    private int lastMonth;
    private final byte[] lastStamp = new byte[64];
    /** The last ISO stamp read, whose fields are still in the stamp fields below, and its length. */
    private final byte[] lastIso = new byte[64];
    private int lastIsoLen;
    private int lastStampLen = -1;
    private Instant lastInstant;

    // the time stamp of the line last scanned
    private int stampFrom;
    private int stampLen;
    private boolean stampTimed;
    private int sYear;
    private int sMonth;
    private int sDay;
    private int sHour;
    private int sMinute;
    private int sSecond;
    private long sNanos;
    private int sOffset;

    /** Sets the year for timestamps that carry none, or null to leave their time unknown. */
    public void yearHint(Integer year) {
        this.yearHint = year;
    }

    /** Parses one line into {@code out}. */
    public Result parse(String s, LogLine out) {
        if (s.isEmpty() || s.isBlank()) {
            return Result.SKIP;
        }
        if (s.charAt(0) == '{') {
            return json(s, out);
        }
        // the envelope is ASCII, so each character maps to one byte at the same index
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        int m = scan(b, 0, b.length, out);
        if (m == SKIP) {
            return Result.SKIP;
        }
        if (m < 0) {
            return Result.MALFORMED;
        }
        out.time = time(b);
        out.message = s.substring(m);
        return Result.LINE;
    }

    /**
     * Reads the envelope of the ASCII line {@code b[from, to)}: sets {@code out.program} and returns
     * the offset where the message starts, or {@link #SKIP}, {@link #MALFORMED} or {@link #JSON}.
     * The line's time is then available from {@link #time(byte[])}. Year hints from the stamp
     * take effect at once.
     */
    public int scan(byte[] b, int from, int to, LogLine out) {
        stampTimed = false;
        stampLen = 0;
        if (blank(b, from, to)) {
            return SKIP;
        }
        byte c0 = b[from];
        int n = to - from;
        if (c0 == '#' && n >= 2 && b[from + 1] == ' ') {
            return SKIP; // an annotation line
        }
        if (c0 == '{') {
            return JSON;
        }
        if (c0 == '-' && n >= 3 && b[from + 1] == '-' && b[from + 2] == ' ') {
            journalMarker(b, from, to);
            return SKIP;
        }
        int after = -1;
        if (c0 >= '0' && c0 <= '9' && n >= 20 && b[from + 4] == '-' && b[from + 7] == '-'
                && (b[from + 10] == ' ' || b[from + 10] == 'T')) {
            after = isoStamp(b, from, to);
        } else if (c0 >= 'A' && c0 <= 'S' && n >= 16 && b[from + 3] == ' ' && b[from + 9] == ':') {
            after = syslogStamp(b, from, to);
        }
        if (after > 0) {
            return afterStamp(b, after, to, out);
        }
        return noStamp(b, from, to, out);
    }

    /** The time of the line last scanned, or null. */
    public Instant time(byte[] b) {
        if (!stampTimed) {
            return null;
        }
        if (lastStampLen == stampLen && AsciiBytes.regionEquals(b, stampFrom, lastStamp, 0, stampLen)) {
            return lastInstant;
        }
        Instant t;
        try {
            long day = LocalDate.of(sYear, sMonth, sDay).toEpochDay();
            t = Instant.ofEpochSecond(day * 86400L + sHour * 3600L + sMinute * 60L + sSecond - sOffset, sNanos);
        } catch (java.time.DateTimeException e) {
            t = null;
        }
        if (stampLen <= lastStamp.length) {
            System.arraycopy(b, stampFrom, lastStamp, 0, stampLen);
            lastStampLen = stampLen;
            lastInstant = t;
        }
        return t;
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r' && (c < 0x1c || c > 0x1f) && c != 0x0b && c != 0x0c) {
                return false;
            }
        }
        return true;
    }

    private int afterStamp(byte[] b, int at, int n, LogLine out) {
        int p = at;
        while (p < n && b[p] == ' ') {
            p++;
        }
        if (charonThread(b, p, n)) {
            out.program = Program.CHARON;
            return p;
        }
        int sp = AsciiBytes.indexOf(b, p, n, ' ');
        // "prog[pid]: msg" directly after the time
        int tagEnd = tagEnd(b, p, sp < 0 ? n : sp);
        if (tagEnd > 0) {
            return tagged(b, p, tagEnd, n, out);
        }
        if (sp < 0) {
            return MALFORMED;
        }
        int q = sp + 1;
        int sp2 = AsciiBytes.indexOf(b, q, n, ' ');
        tagEnd = tagEnd(b, q, sp2 < 0 ? n : sp2);
        if (tagEnd > 0) {
            return tagged(b, q, tagEnd, n, out);
        }
        if (at > 0 && b[at - 1] == ':') {
            // a daemon's own log file, whose stamp ends in a colon and carries no tag
            out.program = Program.NONE;
            return p;
        }
        return MALFORMED;
    }

    private static int noStamp(byte[] b, int from, int n, LogLine out) {
        if (charonThread(b, from, n)) {
            out.program = Program.CHARON;
            return from;
        }
        int sp = AsciiBytes.indexOf(b, from, n, ' ');
        int tagEnd = tagEnd(b, from, sp < 0 ? n : sp);
        if (tagEnd > 0) {
            Program p = programOf(b, from, tagEnd);
            boolean bracketed = b[tagEnd - 2] == ']';
            if (bracketed || p != Program.OTHER || AsciiBytes.indexOf(b, from, tagEnd, '/') >= 0) {
                return tagged(b, from, tagEnd, n, out);
            }
        }
        // a tag glued behind the rest of an earlier line, as in " (ref=0/0)xl2tpd[42]: ..."
        int close = AsciiBytes.indexOf(b, from, n, TAG_CLOSE);
        if (close > from) {
            int q = close - 1;
            while (q > from && isDigit(b[q])) {
                q--;
            }
            if (q < close - 1 && b[q] == '[') {
                int nameEnd = q;
                while (q > from && isNameChar(b[q - 1])) {
                    q--;
                }
                if (q < nameEnd && Program.ofIdentifier(b, q, nameEnd) != Program.OTHER) {
                    return tagged(b, q, close + 2, n, out);
                }
            }
        }
        out.program = Program.NONE;
        return from;
    }

    private static int tagged(byte[] b, int from, int tagEnd, int n, LogLine out) {
        out.program = programOf(b, from, tagEnd);
        int m = tagEnd;
        if (m < n && b[m] == ' ') {
            m++;
        }
        return m;
    }

    private static Program programOf(byte[] b, int from, int tagEnd) {
        int end = tagEnd - 1; // drop ':'
        if (b[end - 1] == ']') {
            end = lastIndexOf(b, '[', from, end);
        }
        return Program.ofIdentifier(b, from, end);
    }

    /** End (exclusive, after ':') of a "name[pid]:" or "name:" tag in [from, to), or -1. */
    private static int tagEnd(byte[] b, int from, int to) {
        if (to - from < 2 || b[to - 1] != ':') {
            return -1;
        }
        int i = from;
        while (i < to - 1 && isNameChar(b[i])) {
            i++;
        }
        if (i == from) {
            return -1;
        }
        if (i == to - 1) {
            return to;
        }
        if (b[i] != '[') {
            return -1;
        }
        int j = i + 1;
        while (j < to - 1 && isDigit(b[j])) {
            j++;
        }
        return j > i + 1 && j == to - 2 && b[j] == ']' ? to : -1;
    }

    private static boolean isNameChar(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '_' || c == '.' || c == '/' || c == '@';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static int lastIndexOf(byte[] b, char c, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** True when a charon "NN[GRP] " thread/group prefix starts at {@code s[p]}. */
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

    /** True when a charon "NN[GRP] " thread/group prefix starts at {@code b[p]}, the line ending at n. */
    public static boolean charonThread(byte[] b, int p, int n) {
        return charonThreadBracket(b, p, n) >= 0;
    }

    /** Index of the '[' of a charon "NN[GRP] " thread/group prefix starting at {@code b[p]}, or -1. */
    public static int charonThreadBracket(byte[] b, int p, int n) {
        int i = p;
        while (i < n && i - p < 3 && isDigit(b[i])) {
            i++;
        }
        if (i == p || i + 5 > n || b[i] != '[' || b[i + 4] != ']') {
            return -1;
        }
        for (int k = i + 1; k < i + 4; k++) {
            byte c = b[k];
            if (c < 'A' || c > 'Z') {
                return -1;
            }
        }
        return i + 5 == n || b[i + 5] == ' ' ? i : -1;
    }

    // ---- time stamps

    private int isoStamp(byte[] b, int from, int n) {
        int cached = lastIsoLen;
        if (cached > 0 && cached <= n - from && (from + cached == n || b[from + cached] == ' ')
                && AsciiBytes.regionEquals(b, from, lastIso, 0, cached)) {
            // the same stamp as the ISO line before: the stamp fields still hold its values
            stampFrom = from;
            stampLen = cached;
            stampTimed = true;
            yearFrom(sYear);
            return from + cached;
        }
        lastIsoLen = 0;
        int y = num(b, from, 4, n);
        int mo = num(b, from + 5, 2, n);
        int d = num(b, from + 8, 2, n);
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || b[from + 13] != ':' || b[from + 16] != ':') {
            return -1;
        }
        int h = num(b, from + 11, 2, n);
        int mi = num(b, from + 14, 2, n);
        int se = num(b, from + 17, 2, n);
        if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 60) {
            return -1;
        }
        int p = from + 19;
        long nanos = 0;
        if (p < n && (b[p] == '.' || b[p] == ',')) {
            p++;
            long scale = 100_000_000L;
            while (p < n && isDigit(b[p])) {
                nanos += (b[p] - '0') * scale;
                scale /= 10;
                p++;
            }
        }
        int offsetSeconds = 0;
        if (p < n && b[p] == 'Z') {
            p++;
        } else if (p + 5 <= n && (b[p] == '+' || b[p] == '-')) {
            int sign = b[p] == '-' ? -1 : 1;
            int oh = num(b, p + 1, 2, n);
            int om;
            int len;
            if (p + 6 <= n && b[p + 3] == ':') {
                om = num(b, p + 4, 2, n);
                len = 6;
            } else {
                om = num(b, p + 3, 2, n);
                len = 5;
            }
            if (oh < 0 || om < 0) {
                return -1;
            }
            offsetSeconds = sign * (oh * 3600 + om * 60);
            p += len;
        }
        if (p + 1 < n && b[p] == ':' && b[p + 1] == ' ') {
            // a stamp ending in a colon, as in a daemon's own log file (macOS pppd's "... 2021 : IPSec ...")
            p++;
        }
        if (p < n && b[p] != ' ') {
            return -1;
        }
        yearFrom(y);
        stamp(from, p, y, mo, d, h, mi, se, nanos, offsetSeconds);
        if (p - from <= lastIso.length) {
            System.arraycopy(b, from, lastIso, 0, p - from);
            lastIsoLen = p - from;
        }
        return p;
    }

    private void yearFrom(int y) {
        if (y > 1970 && y < 3000 && (yearHint == null || yearHint != y)) {
            yearHint = y;
        }
    }

    private int syslogStamp(byte[] b, int from, int n) {
        lastIsoLen = 0; // the stamp fields are about to change
        int mo = month(b, from);
        if (mo < 0) {
            return -1;
        }
        int d = b[from + 4] == ' ' ? num(b, from + 5, 1, n) : num(b, from + 4, 2, n);
        int h = num(b, from + 7, 2, n);
        int mi = num(b, from + 10, 2, n);
        int se = num(b, from + 13, 2, n);
        if (d < 1 || h < 0 || h > 23 || mi < 0 || b[from + 12] != ':' || se < 0 || b[from + 6] != ' ') {
            return -1;
        }
        int p = from + 15;
        long nanos = 0;
        if (p < n && b[p] == '.') {
            p++;
            long scale = 100_000_000L;
            while (p < n && isDigit(b[p])) {
                nanos += (b[p] - '0') * scale;
                scale /= 10;
                p++;
            }
        }
        if (p + 1 < n && b[p] == ':' && b[p + 1] == ' ') {
            // pluto's own log file: "Nov 23 10:01:02.123456: "conn" #1: ..."
            p++;
        }
        if (p < n && b[p] != ' ') {
            return -1;
        }
        if (yearHint == null) {
            return p;
        }
        if (lastMonth == 12 && mo == 1) {
            yearHint = yearHint + 1;
        }
        lastMonth = mo;
        stamp(from, p, yearHint, mo, d, h, mi, se, nanos, 0);
        return p;
    }

    private static int month(byte[] b, int from) {
        for (int i = 0; i < MONTHS.length; i += 3) {
            if (MONTHS[i] == b[from] && MONTHS[i + 1] == b[from + 1] && MONTHS[i + 2] == b[from + 2]) {
                return i / 3 + 1;
            }
        }
        return -1;
    }

    private void stamp(int from, int end, int y, int mo, int d, int h, int mi, int se, long nanos, int offset) {
        stampTimed = true;
        stampFrom = from;
        stampLen = end - from;
        sYear = y;
        sMonth = mo;
        sDay = d;
        sHour = h;
        sMinute = mi;
        sSecond = se;
        sNanos = nanos;
        sOffset = offset;
    }

    private static int num(byte[] b, int from, int len, int n) {
        if (from + len > n) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + len; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private void journalMarker(byte[] b, int from, int n) {
        // "-- Logs begin at Mon 2026-11-23 13:25:45 UTC, end at ..." / "-- Journal begins at ..."
        int at = AsciiBytes.indexOf(b, from, n, AT);
        if (at >= 0) {
            for (int i = at; i + 10 <= n; i++) {
                if (isDigit(b[i]) && i + 4 < n && b[i + 4] == '-') {
                    int y = num(b, i, 4, n);
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
