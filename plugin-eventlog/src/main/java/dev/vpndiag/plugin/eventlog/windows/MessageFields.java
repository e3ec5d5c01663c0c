package dev.vpndiag.plugin.eventlog.windows;

/**
 * Reads "Label: value" lines from a rendered event message, as Event Viewer and wevtutil print
 * the Vista+ IPsec audit events (sections such as "Local Endpoint:" hold indented fields).
 */
final class MessageFields {
    private MessageFields() {
    }

    /** The value of the first line whose label equals the given one (case-insensitive), or null. */
    static String get(String message, String label) {
        return find(message, label, 0);
    }

    /** The value of a label inside the named section (the lines after "Section:"), or null. */
    static String inSection(String message, String section, String label) {
        int at = indexOfLabel(message, section, 0);
        return at < 0 ? null : find(message, label, at);
    }

    private static String find(String message, String label, int from) {
        int at = indexOfLabel(message, label, from);
        if (at < 0) {
            return null;
        }
        int colon = message.indexOf(':', at + label.length());
        int eol = message.indexOf('\n', at);
        if (eol < 0) {
            eol = message.length();
        }
        if (colon < 0 || colon > eol) {
            return null;
        }
        String v = message.substring(colon + 1, eol).trim();
        return v.isEmpty() ? null : v;
    }

    /** Where a line starts with the label (after indentation) followed by optional blanks and a colon. */
    private static int indexOfLabel(String message, String label, int from) {
        int i = from;
        while (i < message.length()) {
            int eol = message.indexOf('\n', i);
            if (eol < 0) {
                eol = message.length();
            }
            int s = i;
            while (s < eol && (message.charAt(s) == ' ' || message.charAt(s) == '\t')) {
                s++;
            }
            if (message.regionMatches(true, s, label, 0, label.length())) {
                int c = s + label.length();
                while (c < eol && (message.charAt(c) == ' ' || message.charAt(c) == '\t')) {
                    c++;
                }
                if (c < eol && message.charAt(c) == ':') {
                    return s;
                }
            }
            i = eol + 1;
        }
        return -1;
    }
}
