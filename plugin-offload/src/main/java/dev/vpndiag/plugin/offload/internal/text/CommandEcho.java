package dev.vpndiag.plugin.offload.internal.text;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lines around the command output itself: echoed prompts ({@code $ ethtool -k eth0},
 * {@code PS C:\> Get-Service}, {@code C:\>netsh ...}), {@code #} comments, and a capture-time
 * header ({@code # captured 2026-11-23T13:40:05Z}). Each is a one-line section.
 */
public final class CommandEcho implements SectionStarter {
    private static final Pattern PROMPT = Pattern.compile(
            "^(?:#|\\$|PS [^>]{0,260}>|[A-Za-z]:\\\\[^>]{0,260}>|\\[[^\\]]{1,100}\\][#$])\\s*(.*)$");
    private static final Pattern CAPTURED = Pattern.compile(
            "^#?\\s*(?:captured|capture time|collected)(?: at)?\\s*[:=]?\\s*(\\d{4}-\\d\\d-\\d\\dT\\S+)\\s*$",
            Pattern.CASE_INSENSITIVE);

    @Override
    public Section start(Line line, ReadContext context) {
        String text = line.text();
        if (text.isEmpty()) {
            return null;
        }
        char c = text.charAt(0);
        boolean drive = text.length() > 2 && text.charAt(1) == ':' && text.charAt(2) == '\\';
        boolean capture = c == '#' || c == 'c' || c == 'C';
        if (c != '#' && c != '$' && c != 'P' && c != '[' && !drive && !capture) {
            return null;
        }
        Matcher cap = CAPTURED.matcher(text);
        if (capture && cap.matches()) {
            try {
                context.statedCaptureTime(Instant.parse(cap.group(1)));
            } catch (DateTimeParseException e) {
                try {
                    context.statedCaptureTime(java.time.OffsetDateTime.parse(cap.group(1)).toInstant());
                } catch (DateTimeParseException e2) {
                    context.problem(line.locator(), "capture time not understood: " + cap.group(1));
                }
            }
            return OneLine.INSTANCE;
        }
        Matcher m = PROMPT.matcher(text);
        if (m.matches()) {
            context.command(m.group(1).strip(), line.number());
            return OneLine.INSTANCE;
        }
        return null;
    }

    /** A section of exactly one line. */
    public static final class OneLine implements Section {
        /** The shared instance; it keeps no state. */
        public static final OneLine INSTANCE = new OneLine();

        private OneLine() {
        }

        @Override
        public boolean accept(Line line) {
            return false;
        }

        @Override
        public void finish() {
        }
    }
}
