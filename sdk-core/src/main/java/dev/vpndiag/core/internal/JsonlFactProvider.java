package dev.vpndiag.core.internal;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.spi.ContentHead;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.api.spi.FactSink;
import dev.vpndiag.core.Json;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads facts a host already holds, one JSON object per line (the form {@code vpndiag facts
 * --json} prints). Malformed lines are reported as problems and skipped.
 */
public final class JsonlFactProvider implements FactProvider {
    private static final Pattern FIRST_LINE = Pattern.compile("^\\s*\\{\\s*\"type\"\\s*:\\s*\"[A-Za-z0-9]+\"");
    private static final int MAX_LINE = 1 << 20;

    @Override
    public String id() {
        return "facts-jsonl";
    }

    @Override
    public Set<String> formats() {
        return Set.of("facts.jsonl");
    }

    @Override
    public int sniff(ContentHead head) {
        String text = head.text();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            String line = (end < 0 ? text.substring(start) : text.substring(start, end)).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                return FIRST_LINE.matcher(line).find() ? STRONG_MATCH : NO_MATCH;
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return NO_MATCH;
    }

    @Override
    public void read(Evidence evidence, FactSink sink) throws IOException {
        try (Reader in = new InputStreamReader(evidence.open(), StandardCharsets.UTF_8)) {
            BoundedLines lines = new BoundedLines(in, MAX_LINE);
            String line;
            int number = 0;
            while ((line = lines.next()) != null) {
                number++;
                if ((number & 1023) == 0) {
                    sink.progress(lines.charsRead());
                    if (sink.isCancelled()) {
                        return;
                    }
                }
                if (lines.truncated()) {
                    sink.problem("line " + number, "line longer than " + MAX_LINE + " characters, skipped");
                    continue;
                }
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                try {
                    sink.accept(Json.parseFact(trimmed, evidence.name(), "line " + number, evidence.side()));
                } catch (IllegalArgumentException e) {
                    sink.problem("line " + number, e.getMessage());
                }
            }
        }
    }

    /** Reads lines, keeping at most {@code max} characters of each so one huge line cannot exhaust memory. */
    static final class BoundedLines {
        private final Reader in;
        private final int max;
        private final char[] buf = new char[8192];
        private int pos;
        private int len;
        private long charsRead;
        private boolean truncated;

        BoundedLines(Reader in, int max) {
            this.in = in;
            this.max = max;
        }

        /** The next line without its terminator, or null at the end. */
        String next() throws IOException {
            StringBuilder sb = new StringBuilder();
            truncated = false;
            boolean any = false;
            while (true) {
                if (pos == len) {
                    len = in.read(buf, 0, buf.length);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        return any ? sb.toString() : null;
                    }
                    charsRead += len;
                }
                any = true;
                char c = buf[pos++];
                if (c == '\n') {
                    int end = sb.length();
                    if (end > 0 && sb.charAt(end - 1) == '\r') {
                        sb.setLength(end - 1);
                    }
                    return sb.toString();
                }
                if (sb.length() < max) {
                    sb.append(c);
                } else {
                    truncated = true;
                }
            }
        }

        boolean truncated() {
            return truncated;
        }

        long charsRead() {
            return charsRead;
        }
    }
}
