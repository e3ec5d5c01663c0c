package dev.vpndiag.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Diagnosis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The real-world development set ({@link RealWorldCases}). Writes {@code target/realworld.md} (every
 * case, its source, every miss, and how far the set is from its goals: the confirmed cause first in
 * {@link #FIRST_GOAL} of the cases, among the first three in all, no log without facts), which
 * {@code AccuracyReportTest} puts into {@code accuracy.md}.
 *
 * <p>The goals are not all met yet (most misses are texts no reader can place: a bare "Element not
 * found", a SoftEther debug console); the test holds what is reached, so that nothing slips back:
 * never a wrong first cause above 0.6, at least {@link #FIRST_FLOOR} confirmed causes first, at most
 * {@link #FACTLESS_CEILING} logs without facts.
 */
class RealWorldCasesTest {
    static final double FIRST_GOAL = 0.90;
    static final int FIRST_FLOOR = 26;
    /** Five of 32: two bare Windows sentences, a SoftEther console, an interface list, a pluto bind error. */
    static final int FACTLESS_CEILING = 4;

    /** What one case gave. */
    record Outcome(RealWorldCases.Case c, Diagnosis d) {
        boolean first() {
            return c.firstRight(d);
        }

        boolean top3() {
            return c.inTop3(d);
        }

        String got() {
            return LabBundlesTest.summary(d);
        }
    }

    static List<Outcome> outcomes() {
        List<Outcome> out = new ArrayList<>();
        for (RealWorldCases.Case c : RealWorldCases.all()) {
            out.add(new Outcome(c, c.diagnose()));
        }
        return out;
    }

    @Test
    void developmentSetMeetsItsGoals() throws IOException {
        List<Outcome> all = outcomes();
        String md = report(all);
        Path out = Path.of("target", "realworld.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.out.println(md);
        List<String> factless = all.stream().filter(o -> o.d().stats().facts() == 0).map(o -> o.c().name()).toList();
        List<String> confidentlyWrong = all.stream().filter(o -> !o.first() && !o.d().causes().isEmpty()
                && o.d().causes().get(0).confidence() > LabRuns.MAX_WRONG_CONFIDENCE).map(o -> o.c().name() + " -> " + o.got()).toList();
        long first = all.stream().filter(Outcome::first).count();
        assertThat(all).isNotEmpty();
        assertThat(confidentlyWrong).as("wrong first causes held above 0.6").isEmpty();
        assertThat(first).as("confirmed cause first").isGreaterThanOrEqualTo(FIRST_FLOOR);
        assertThat(factless).as("posted logs that yield no fact").hasSizeLessThanOrEqualTo(FACTLESS_CEILING);
    }

    static String report(List<Outcome> all) {
        long first = all.stream().filter(Outcome::first).count();
        long top3 = all.stream().filter(Outcome::top3).count();
        long factless = all.stream().filter(o -> o.d().stats().facts() == 0).count();
        long confidentlyWrong = all.stream().filter(o -> !o.first() && !o.d().causes().isEmpty()
                && o.d().causes().get(0).confidence() > LabRuns.MAX_WRONG_CONFIDENCE).count();
        StringBuilder md = new StringBuilder("## Real files: logs real users posted\n\n");
        md.append(String.format(Locale.ROOT, "%d logs posted on public trackers and forums with the cause confirmed in the thread"
                + " (`scenarios/src/test/resources/realworld/`), each read as pasted, without sides.%n%n", all.size()));
        md.append(String.format(Locale.ROOT, "- confirmed cause first: %d/%d = %.0f %%%n", first, all.size(), 100.0 * first / all.size()));
        md.append(String.format(Locale.ROOT, "- confirmed cause in the first three: %d/%d%n", top3, all.size()));
        md.append(String.format(Locale.ROOT, "- wrong first cause above 0.6: %d%n", confidentlyWrong));
        md.append(String.format(Locale.ROOT, "- logs that yield no fact: %d%n", factless));
        md.append(String.format(Locale.ROOT, "- goals: first in at least %.0f %% (%s), in the first three in all (%s), no log"
                + " without facts (%s)%n%n", 100 * FIRST_GOAL, (double) first / all.size() >= FIRST_GOAL ? "met" : "not met",
                top3 == all.size() ? "met" : "not met", factless == 0 ? "met" : "not met"));
        md.append("| case | platform | confirmed cause | first cause | right | source |\n|---|---|---|---|---|---|\n");
        for (Outcome o : all) {
            String got = o.d().causes().isEmpty() ? "none (" + o.d().verdict() + ")"
                    : String.format(Locale.ROOT, "%s %.2f", o.d().causes().get(0).id(), o.d().causes().get(0).confidence());
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", o.c().name(), o.c().platform(),
                    String.join(" / ", o.c().accepted()), got, o.first() ? "first" : o.top3() ? "top 3" : "**miss**",
                    o.c().url()));
        }
        md.append("\nMisses (first cause not the confirmed one):\n\n");
        List<Outcome> misses = all.stream().filter(o -> !o.first()).toList();
        if (misses.isEmpty()) {
            md.append("- none\n");
        }
        misses.forEach(o -> md.append("- ").append(o.c().name()).append(": confirmed ").append(o.c().accepted())
                .append("; got ").append(o.got()).append(" (").append(o.d().stats().facts()).append(" facts)\n"));
        md.append('\n');
        return md.toString();
    }
}
