package dev.vpndiag.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.RankedCause;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole scenario suite and reports top-1 and top-3 accuracy and a calibration table
 * (confidence of the top cause, bucketed, against how often it was right) to
 * {@code target/accuracy.md}. Holds the suite to its goals: top-1 at least 95 %, top-3 100 %, and
 * no wrong top cause above 0.6 confidence.
 */
class AccuracyReportTest {
    private static final double[] BUCKETS = {0.0, 0.2, 0.4, 0.6, 0.8, 1.0001};

    @Test
    void suiteMeetsItsAccuracyGoalsAndTheReportIsWritten() throws IOException {
        List<ScenarioSuite.Scenario> all = ScenarioSuite.all();
        int judged = 0;
        int top1 = 0;
        int top3 = 0;
        int[] bucketTotal = new int[BUCKETS.length - 1];
        int[] bucketRight = new int[BUCKETS.length - 1];
        List<String> misses = new ArrayList<>();
        List<String> confidentlyWrong = new ArrayList<>();
        for (ScenarioSuite.Scenario s : all) {
            if (!s.judgesTopCause()) {
                continue;
            }
            judged++;
            Diagnosis d = s.diagnose();
            List<RankedCause> causes = d.causes();
            boolean right1 = !causes.isEmpty() && s.top1().contains(causes.get(0).id());
            boolean right3 = causes.stream().limit(3).anyMatch(c -> s.top1().contains(c.id()));
            top1 += right1 ? 1 : 0;
            top3 += right3 ? 1 : 0;
            double confidence = causes.isEmpty() ? 0.0 : causes.get(0).confidence();
            int b = bucket(confidence);
            bucketTotal[b]++;
            bucketRight[b] += right1 ? 1 : 0;
            if (!right1) {
                String got = causes.isEmpty() ? "nothing" : causes.get(0).id() + " (" + confidence + ")";
                misses.add(s.name() + ": expected " + s.top1() + ", got " + got);
                if (confidence > 0.6) {
                    confidentlyWrong.add(s.name());
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# Scenario suite accuracy\n\n");
        md.append(String.format(Locale.ROOT, "Scenarios: %d (%d with an expected top cause, %d healthy or without one).%n%n",
                all.size(), judged, all.size() - judged));
        md.append(String.format(Locale.ROOT, "- top-1 accuracy: %d/%d = %.1f %%%n", top1, judged, 100.0 * top1 / judged));
        md.append(String.format(Locale.ROOT, "- top-3 accuracy: %d/%d = %.1f %%%n%n", top3, judged, 100.0 * top3 / judged));
        md.append("Calibration (confidence of the top cause vs. how often it was the expected one):\n\n");
        md.append("| confidence | scenarios | top cause right | fraction right |\n|---|---|---|---|\n");
        for (int i = 0; i < bucketTotal.length; i++) {
            md.append(String.format(Locale.ROOT, "| %.1f-%.1f | %d | %d | %s |%n", BUCKETS[i], Math.min(1.0, BUCKETS[i + 1]),
                    bucketTotal[i], bucketRight[i],
                    bucketTotal[i] == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) bucketRight[i] / bucketTotal[i])));
        }
        md.append("\nMisses:\n\n");
        if (misses.isEmpty()) {
            md.append("- none\n");
        }
        misses.forEach(m -> md.append("- ").append(m).append('\n'));
        Path out = Path.of("target", "accuracy.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);

        assertThat(judged).isGreaterThan(0);
        assertThat((double) top1 / judged).as("top-1 accuracy; misses %s", misses).isGreaterThanOrEqualTo(0.95);
        assertThat(top3).as("top-3 accuracy; misses %s", misses).isEqualTo(judged);
        assertThat(confidentlyWrong).as("wrong top causes above 0.6 confidence").isEmpty();
    }

    private static int bucket(double confidence) {
        for (int i = 0; i < BUCKETS.length - 1; i++) {
            if (confidence < BUCKETS[i + 1]) {
                return i;
            }
        }
        return BUCKETS.length - 2;
    }
}
