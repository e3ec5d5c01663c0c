package dev.vpndiag.core;

import dev.vpndiag.api.CatalogueEntry;
import dev.vpndiag.api.Side;
import dev.vpndiag.core.internal.Catalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Renders {@code docs/catalogue.md} from the catalogue resource. Run {@link #main} (or the Maven
 * command in {@link #REGENERATE}) after changing {@code catalogue.json}; {@code CatalogueDocTest}
 * fails while the committed file differs from what this renders.
 */
public final class CatalogueDoc {
    /** The committed document, relative to the sdk-core module directory. */
    static final Path DOC = Path.of("..", "docs", "catalogue.md");
    static final String REGENERATE = "mvn -B -pl sdk-core -am test -Dtest=CatalogueDocTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dvpndiag.regenerateDocs=true";

    private CatalogueDoc() {
    }

    /** Writes the document (argument: its path; default {@code ../docs/catalogue.md}). */
    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : DOC;
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, render(Catalogue.builtIn()));
    }

    static String render(Catalogue catalogue) {
        StringBuilder md = new StringBuilder();
        md.append("# Root-cause catalogue\n\n");
        md.append("<!-- Generated from sdk-core/src/main/resources/dev/vpndiag/core/catalogue.json by\n");
        md.append("     sdk-core/src/test/java/dev/vpndiag/core/CatalogueDoc.java. Do not edit by hand; regenerate with\n");
        md.append("     ").append(REGENERATE).append(" -->\n\n");
        md.append("Every cause the engine knows, in chain order. The ids are a public contract: hosts store and\n");
        md.append("filter on them. `layer` is where the cause lives; `fails at` is the chain layer whose failure it\n");
        md.append("produces, or the layers when it can make any of several fail. A cause is only ranked when the first\n");
        md.append("layer to fail is one of them, ruled out when all of them passed, and not evaluated when the\n");
        md.append("connection failed before reaching any of them.\n\n");
        md.append("Under each cause, \"shows\" says what a piece of evidence would hold if that cause were the real\n");
        md.append("one; a diagnosis's `nextEvidence` reads these lines to say which causes each outcome of a request\n");
        md.append("confirms or rules out. Two causes that would show the same thing in the same evidence are not told\n");
        md.append("apart by it.\n\n");
        md.append("Evidence and remediation speak the software each side's evidence comes from (windows, strongswan,\n");
        md.append("libreswan, xl2tpd, pppd, linux, macos; the `HostPlatform` facts say which): \"on <platform>\" is how\n");
        md.append("a request is worded for that software, \"only on\" names the platforms a kind of evidence exists on,\n");
        md.append("and a remediation step marked with platforms is given when the evidence comes from one of them, or\n");
        md.append("when it names none of the platforms the cause's steps are written for; a step marked with a side too\n");
        md.append("is given when that side runs one of its platforms or that side's software is unknown.\n\n");
        md.append("Each cause lists the fixed thresholds its rules apply and why. The rules that no real file of\n");
        md.append("the repository makes fire yet are listed, with the reason, in\n");
        md.append("[rules-without-file-evidence.md](rules-without-file-evidence.md).\n\n");
        md.append("| id | layer | fails at | title |\n|---|---|---|---|\n");
        List<CatalogueEntry> causes = catalogue.causes();
        for (CatalogueEntry e : causes) {
            md.append("| [").append(e.id()).append("](#").append(e.id().toLowerCase(Locale.ROOT)).append(") | ")
                    .append(e.layer()).append(" | ").append(failsAt(e, ", ")).append(" | ").append(cell(e.title())).append(" |\n");
        }
        md.append('\n');
        for (CatalogueEntry e : causes) {
            md.append("## ").append(e.id()).append("\n\n");
            md.append("**").append(e.title()).append("** (layer ").append(e.layer()).append(", fails at ")
                    .append(failsAt(e, " or ")).append(")\n\n");
            md.append(e.description()).append("\n\n");
            if (e.decisiveEvidence() != null && !e.decisiveEvidence().isBlank()) {
                md.append("Decisive evidence: ").append(e.decisiveEvidence()).append("\n\n");
            }
            List<Catalogue.EvidenceSource> sources = catalogue.evidenceFor(e.id());
            if (!sources.isEmpty()) {
                md.append("Evidence that could show it, and what it would show if this is the cause:\n\n");
                for (Catalogue.EvidenceSource s : sources) {
                    md.append("- ").append(s.what());
                    if (s.side() != Side.UNKNOWN) {
                        md.append(" (").append(s.side().name().toLowerCase(Locale.ROOT)).append(')');
                    }
                    if (!s.only().isEmpty()) {
                        md.append(", only on ").append(String.join(", ", new java.util.TreeSet<>(s.only())));
                    }
                    md.append('\n');
                    if (!s.shows().isEmpty()) {
                        md.append("  - shows: ").append(s.shows()).append('\n');
                    }
                    s.on().forEach((platform, w) -> md.append("  - on ").append(platform).append(": ").append(w.what())
                            .append(w.shows().isEmpty() ? "" : "; shows: " + w.shows()).append('\n'));
                }
                md.append('\n');
            }
            List<Catalogue.Threshold> thresholds = catalogue.thresholdsOf(e.id());
            if (!thresholds.isEmpty()) {
                md.append("Thresholds its rules apply, and why:\n\n");
                for (Catalogue.Threshold t : thresholds) {
                    md.append("- ").append(t.value()).append(": ").append(t.why()).append('\n');
                }
                md.append('\n');
            }
            md.append("Remediation:\n\n");
            int n = 1;
            for (Catalogue.Step step : catalogue.stepsOf(e.id())) {
                md.append(n++).append(". ");
                if (!step.on().isEmpty()) {
                    md.append("(").append(String.join(", ", new java.util.TreeSet<>(step.on())))
                            .append(step.side() == Side.UNKNOWN ? "" : ", " + step.side().name().toLowerCase(Locale.ROOT))
                            .append(") ");
                }
                md.append(step.text()).append('\n');
            }
            md.append('\n');
            if (!e.references().isEmpty()) {
                md.append("References:\n\n");
                e.references().forEach(r -> md.append("- ").append(r).append('\n'));
                md.append('\n');
            }
        }
        md.append("# Evidence-quality findings\n\n");
        md.append("Statements about the evidence itself, reported beside the causes.\n\n");
        md.append("| id | title | what it means |\n|---|---|---|\n");
        for (CatalogueEntry e : catalogue.entries()) {
            if (e.kind() == CatalogueEntry.Kind.FINDING) {
                md.append("| ").append(e.id()).append(" | ").append(cell(e.title())).append(" | ")
                        .append(cell(e.description())).append(" |\n");
            }
        }
        return md.toString();
    }

    /** The layers a cause can make fail, in chain order. */
    static String failsAt(CatalogueEntry e, String separator) {
        return String.join(separator, e.failsAtLayers().stream().map(Enum::name).toList());
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace('\n', ' ');
    }
}
