package dev.vpndiag.cli;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.ProgressListener;
import dev.vpndiag.api.Problem;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which reader took each evidence item and how many facts it found there, for the report's "Read"
 * section: a user sees at once a file no reader knows, and one that was read but holds nothing
 * about a VPN connection. Passes everything on to the progress line.
 */
final class ReadRecord implements ProgressListener {
    private final TerminalProgress progress;
    /** Per item, in reading order: the ids of the readers that took it. */
    private final Map<String, List<String>> readers = new LinkedHashMap<>();
    private final Map<String, Integer> facts = new LinkedHashMap<>();

    ReadRecord(TerminalProgress progress) {
        this.progress = progress;
    }

    TerminalProgress progress() {
        return progress;
    }

    @Override
    public void evidenceStarted(Evidence evidence) {
        readers.putIfAbsent(evidence.name(), new ArrayList<>());
        progress.evidenceStarted(evidence);
    }

    @Override
    public void bytesRead(Evidence evidence, long done, long total) {
        progress.bytesRead(evidence, done, total);
    }

    @Override
    public void readBy(Evidence evidence, String reader, int found) {
        readers.computeIfAbsent(evidence.name(), k -> new ArrayList<>()).add(reader);
    }

    @Override
    public void evidenceFinished(Evidence evidence, int found) {
        facts.put(evidence.name(), found);
        progress.evidenceFinished(evidence, found);
    }

    @Override
    public boolean isCancelled() {
        return progress.isCancelled();
    }

    /** Prints one line per item read: its readers and facts, or why nothing came of it. */
    void print(PrintWriter out, List<Problem> problems) {
        if (readers.isEmpty()) {
            return;
        }
        out.println();
        out.println("Read");
        int width = Math.min(40, readers.keySet().stream().mapToInt(String::length).max().orElse(0));
        for (Map.Entry<String, List<String>> item : readers.entrySet()) {
            String name = item.getKey();
            int found = facts.getOrDefault(name, 0);
            List<String> mine = problems.stream().filter(p -> p.source().equals(name)).map(Problem::message).toList();
            String by = String.join(", ", item.getValue());
            String what;
            if (item.getValue().isEmpty()) {
                what = "not read: " + (mine.isEmpty() ? "not read" : mine.get(0));
            } else if (found == 0 && !mine.isEmpty()) {
                what = "tried by " + by + ", nothing read: " + mine.get(0);
            } else {
                what = "read by " + by
                        + ": " + (found == 0 ? "nothing about a VPN connection in it" : found + (found == 1 ? " fact" : " facts"))
                        + (mine.isEmpty() ? "" : "; " + mine.size() + (mine.size() == 1 ? " reading problem" : " reading problems"));
            }
            out.printf("  %-" + Math.max(1, width) + "s  %s%n", name, what);
        }
    }
}
