package dev.vpndiag.core.internal;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.spi.ContentHead;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.api.spi.FactSink;
import dev.vpndiag.core.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads facts a host already holds, one JSON object per line (the form {@code vpndiag facts
 * --json} prints). Malformed lines are reported as problems and skipped.
 */
public final class JsonlFactProvider implements FactProvider {
    private static final Pattern FIRST_LINE = Pattern.compile("^\\s*\\{\\s*\"type\"\\s*:\\s*\"[A-Za-z]+\"");
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
        try (BufferedReader in = new BufferedReader(new InputStreamReader(evidence.open(), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            long bytes = 0;
            while ((line = in.readLine()) != null) {
                number++;
                bytes += line.length() + 1L;
                if ((number & 1023) == 0) {
                    sink.progress(bytes);
                    if (sink.isCancelled()) {
                        return;
                    }
                }
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (trimmed.length() > MAX_LINE) {
                    sink.problem("line " + number, "line longer than " + MAX_LINE + " characters, skipped");
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
}
