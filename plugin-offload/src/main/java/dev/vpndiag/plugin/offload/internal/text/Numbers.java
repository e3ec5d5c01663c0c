package dev.vpndiag.plugin.offload.internal.text;

import java.util.regex.Pattern;

/** Counters as consoles print them: {@code 1234}, {@code 1,234}, {@code 1.234}, {@code 1 234}. */
public final class Numbers {
    private static final Pattern GROUPED = Pattern.compile("\\d{1,3}(?:([,.'\u00a0\u202f ])\\d{3})(?:\\1\\d{3})*");
    private static final Pattern PLAIN = Pattern.compile("\\d{1,19}");

    private Numbers() {
    }

    /**
     * A non-negative integer counter with or without digit grouping, or null when the text is not
     * one (or does not fit a long).
     */
    public static Long count(String text) {
        String t = text.strip();
        String digits;
        if (PLAIN.matcher(t).matches()) {
            digits = t;
        } else if (t.length() <= 27 && GROUPED.matcher(t).matches()) {
            StringBuilder b = new StringBuilder(t.length());
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c >= '0' && c <= '9') {
                    b.append(c);
                }
            }
            digits = b.toString();
        } else {
            return null;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A hexadecimal number such as {@code 0x2} or {@code 0000001a} as unsigned decimal text, or null. */
    public static String hexToDecimal(String text) {
        String t = text.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.isEmpty() || t.length() > 16) {
            return null;
        }
        try {
            return Long.toUnsignedString(Long.parseUnsignedLong(t, 16));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Letters and digits only, lower case: the key under which labels are compared. */
    public static String labelKey(String label) {
        StringBuilder b = new StringBuilder(label.length());
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }
}
