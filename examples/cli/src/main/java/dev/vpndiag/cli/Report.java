package dev.vpndiag.cli;

import dev.vpndiag.api.Citation;
import dev.vpndiag.api.ConnectionAttempt;
import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.EvidenceOutcome;
import dev.vpndiag.api.EvidenceRequest;
import dev.vpndiag.api.Finding;
import dev.vpndiag.api.LayerResult;
import dev.vpndiag.api.NotEvaluatedCause;
import dev.vpndiag.api.Problem;
import dev.vpndiag.api.RankedCause;
import dev.vpndiag.api.RuledOutCause;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human report of a diagnosis: the ladder first, then causes, rule-outs and what to collect. */
final class Report {
    private final PrintWriter out;

    Report(PrintWriter out) {
        this.out = out;
    }

    /** Prints the report, with what each evidence item gave ({@code read}) before the reading problems. */
    void print(Diagnosis d, ReadRecord read) {
        switch (d.verdict()) {
            case FAULT_FOUND -> {
                RankedCause top = d.causes().get(0);
                out.printf("FAULT FOUND at %s: %s (%s, %s)%n", d.failedLayer().map(Enum::name).orElse("an unknown layer"),
                        top.title(), top.id(), percent(top.confidence()));
            }
            case NO_FAULT_FOUND -> out.println("NO FAULT FOUND: the evidence shows every layer working.");
            case INCONCLUSIVE -> out.println("INCONCLUSIVE: " + (d.failedLayer().isPresent()
                    ? "layer " + d.failedLayer().get() + " failed, but no known cause explains it."
                    : "the evidence does not show where the connection broke."));
        }
        if (d.attempts().size() > 1) {
            out.println();
            out.printf("Connection attempts in the evidence: %d (choose one with --attempt)%n", d.attempts().size());
            for (ConnectionAttempt a : d.attempts()) {
                String outcome = switch (a.verdict()) {
                    case FAULT_FOUND -> "failed at " + a.failedLayer() + ": " + a.topCause();
                    case NO_FAULT_FOUND -> "worked";
                    case INCONCLUSIVE -> a.failedLayer() != null ? "failed at " + a.failedLayer() + ", cause unknown"
                            : "no failure shown";
                };
                out.printf("  %s %-10s %-40s %-14s %s%n", a.diagnosed() ? "*" : " ", a.id(), a.label(),
                        a.sides().stream().map(s -> s.name().toLowerCase(Locale.ROOT)).sorted().toList(), outcome);
            }
            String because = d.diagnosedAttempt().map(ConnectionAttempt::chosenBecause).orElse(null);
            out.println("  (* = the attempt diagnosed below" + (because == null ? "" : ": " + because) + ")");
        }
        out.println();
        out.println("Layers");
        for (LayerResult l : d.layers()) {
            String first = l.evidence().isEmpty() ? "" : l.evidence().get(0).summary() + "  [" + where(l.evidence().get(0)) + "]";
            out.printf("  %-12s %-15s %s%n", l.status(), l.layer(), first);
            for (Citation c : l.evidence().subList(Math.min(1, l.evidence().size()), Math.min(3, l.evidence().size()))) {
                out.printf("  %-12s %-15s %s  [%s]%n", "", "", c.summary(), where(c));
            }
        }
        if (!d.causes().isEmpty()) {
            out.println();
            out.println("Causes");
            int n = 0;
            java.util.Optional<dev.vpndiag.api.Layer> failed = d.failedLayer();
            for (RankedCause c : d.causes()) {
                // one story with the headline: a cause that lives in one layer (a path that drops ESP) and shows
                // where the chain broke (ESP) says both
                String where = failed.isPresent() && failed.get() != c.layer()
                        ? "a " + c.layer() + " cause, failing " + failed.get() : "layer " + c.layer();
                out.printf("  %d. %s  %s  %s (%s)%n", ++n, c.id(), percent(c.confidence()), c.title(), where);
                out.println("     Why: " + c.explanation());
                c.evidence().forEach(e -> out.println("       + " + e.summary() + "  [" + where(e) + "]"));
                c.contradicting().forEach(e -> out.println("       - " + e.summary() + "  [" + where(e) + "]"));
                for (int i = 0; i < c.remediation().size(); i++) {
                    out.println((i == 0 ? "     Do:  " : "          ") + (i + 1) + ". " + c.remediation().get(i));
                }
                if (!c.references().isEmpty()) {
                    out.println("     Read: " + String.join("; ", c.references()));
                }
            }
        }
        if (!d.findings().isEmpty()) {
            out.println();
            out.println("Findings");
            for (Finding f : d.findings()) {
                out.println("  " + f.id() + ": " + f.message());
            }
        }
        if (!d.nextEvidence().isEmpty()) {
            out.println();
            out.println("Collect next");
            for (EvidenceRequest r : d.nextEvidence()) {
                out.println("  - [" + r.side().name().toLowerCase(Locale.ROOT) + "] " + r.what());
                if (r.outcomes().isEmpty()) {
                    out.println("      separates " + String.join(", ", r.separates()) + (r.reason().isEmpty() ? "" : ": " + r.reason()));
                } else {
                    out.println("      " + r.reason());
                    r.outcomes().forEach(o -> out.println("        " + outcome(o)));
                }
            }
        }
        if (!d.ruledOut().isEmpty()) {
            out.println();
            out.println("Ruled out");
            for (RuledOutCause r : d.ruledOut()) {
                out.printf("  %-28s %s%n", r.id(), r.reason());
            }
        }
        if (!d.notEvaluated().isEmpty()) {
            out.println();
            out.println("Not evaluated");
            Map<String, StringBuilder> byReason = new LinkedHashMap<>();
            for (NotEvaluatedCause c : d.notEvaluated()) {
                byReason.computeIfAbsent(c.reason(), k -> new StringBuilder()).append(byReason.get(c.reason()) == null
                        || byReason.get(c.reason()).length() == 0 ? "" : ", ").append(c.id());
            }
            byReason.forEach((reason, ids) -> out.println("  " + ids + ": " + reason));
        }
        List<Problem> problems = d.problems();
        read.print(out, problems);
        if (!problems.isEmpty()) {
            out.println();
            out.println("Problems reading the evidence");
            printProblems(out, problems);
        }
        out.println();
        out.printf("%d facts, %d ms%n", d.stats().facts(), d.stats().millis());
    }

    /** "if OBSERVATION: confirms X; rules out Y, Z". */
    private static String outcome(EvidenceOutcome o) {
        StringBuilder sb = new StringBuilder("if ").append(o.observation()).append(':');
        if (!o.confirms().isEmpty()) {
            sb.append(" confirms ").append(String.join(", ", o.confirms()));
        }
        if (!o.rulesOut().isEmpty()) {
            sb.append(o.confirms().isEmpty() ? "" : ";").append(" rules out ").append(String.join(", ", o.rulesOut()));
        }
        return sb.toString();
    }

    private static String percent(double confidence) {
        return Math.round(confidence * 100) + "%";
    }

    private static String where(Citation c) {
        return c.locator().isEmpty() ? c.source() : c.source() + " " + c.locator();
    }

    /** One problem message shared by more items than this is printed once, with a count. */
    private static final int LISTED_PROBLEMS = 5;

    /**
     * The reading problems, one per line; a message many items share ("no provider reads this format"
     * for a folder of unrelated files) is one line with the count and the first few items.
     */
    static void printProblems(PrintWriter out, List<Problem> problems) {
        Map<String, List<Problem>> byMessage = new LinkedHashMap<>();
        problems.forEach(p -> byMessage.computeIfAbsent(p.message(), k -> new ArrayList<>()).add(p));
        for (Map.Entry<String, List<Problem>> m : byMessage.entrySet()) {
            List<Problem> alike = m.getValue();
            if (alike.size() > LISTED_PROBLEMS) {
                out.println("  " + alike.size() + " times, such as in " + alike.stream().limit(3).map(Report::where)
                        .collect(java.util.stream.Collectors.joining(", ")) + ": " + m.getKey());
            } else {
                alike.forEach(p -> out.println("  " + where(p) + ": " + p.message()));
            }
        }
    }

    private static String where(Problem p) {
        return p.source() + (p.locator().isEmpty() ? "" : " at " + p.locator());
    }
}
