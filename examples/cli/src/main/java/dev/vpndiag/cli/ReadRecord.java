package dev.vpndiag.cli;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.Problem;
import dev.vpndiag.api.ProgressListener;
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

    /** Items sharing one outcome beyond this many are summarised, not listed. */
    private static final int LISTED = 5;

    /**
     * Prints one line per item read: its readers and facts, or why nothing came of it. Many items with
     * the same outcome (a folder of unrelated files no reader knows) are summarised in one line naming
     * the first few, so that the report stays readable whatever was passed.
     */
    void print(PrintWriter out, List<Problem> problems) {
        if (readers.isEmpty()) {
            return;
        }
        out.println();
        out.println("Read");
        Map<String, List<String>> problemsOf = new java.util.HashMap<>();
        for (Problem p : problems) {
            problemsOf.computeIfAbsent(p.source(), k -> new ArrayList<>()).add(p.message());
        }
        Map<String, String> outcome = new LinkedHashMap<>();
        Map<String, List<String>> byOutcome = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> item : readers.entrySet()) {
            String name = item.getKey();
            String what = outcome(item.getValue(), facts.getOrDefault(name, 0), problemsOf.getOrDefault(name, List.of()));
            outcome.put(name, what);
            byOutcome.computeIfAbsent(what, k -> new ArrayList<>()).add(name);
        }
        int width = Math.min(40, readers.keySet().stream().mapToInt(String::length).max().orElse(0));
        java.util.Set<String> summarised = new java.util.HashSet<>();
        for (Map.Entry<String, String> item : outcome.entrySet()) {
            String what = item.getValue();
            List<String> alike = byOutcome.get(what);
            if (alike.size() > LISTED && facts.getOrDefault(item.getKey(), 0) == 0) {
                if (summarised.add(what)) {
                    out.printf("  %d files, such as %s: %s%n", alike.size(), String.join(", ", alike.subList(0, 3)), what);
                }
                continue;
            }
            out.printf("  %-" + Math.max(1, width) + "s  %s%n", item.getKey(), what);
        }
    }

    private static String outcome(List<String> by, int found, List<String> mine) {
        if (by.isEmpty()) {
            return "not read: " + (mine.isEmpty() ? "not read" : mine.get(0));
        }
        String readers = String.join(", ", by);
        if (found == 0 && !mine.isEmpty()) {
            return "tried by " + readers + ", nothing read: " + mine.get(0);
        }
        return "read by " + readers
                + ": " + (found == 0 ? "nothing about a VPN connection in it" : found + (found == 1 ? " fact" : " facts"))
                + (mine.isEmpty() ? "" : "; " + mine.size() + (mine.size() == 1 ? " reading problem" : " reading problems"));
    }
}
