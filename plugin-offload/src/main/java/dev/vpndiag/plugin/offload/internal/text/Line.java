package dev.vpndiag.plugin.offload.internal.text;

/**
 * One line of command output.
 *
 * @param number 1-based line number in the evidence
 * @param text   the line without its terminator
 */
public record Line(long number, String text) {

    /** The locator of this line, such as {@code line 12}. */
    public String locator() {
        return "line " + number;
    }

    /** True when the line holds only white space. */
    public boolean isBlank() {
        return text.isBlank();
    }

    /** True when the text starts with one of the prefixes. */
    public static boolean startsWithAny(String text, java.util.List<String> prefixes) {
        for (String p : prefixes) {
            if (text.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** The locator of a range of lines. */
    public static String range(long first, long last) {
        return first == last ? "line " + first : "lines " + first + "-" + last;
    }
}
