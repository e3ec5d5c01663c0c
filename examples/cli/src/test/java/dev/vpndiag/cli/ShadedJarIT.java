package dev.vpndiag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the shaded jar itself, as users do: the rules compiled at build time must load from it, the
 * plugins must be found, and the exit codes must follow the contract.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of(System.getProperty("vpndiag.jar", "target/vpndiag.jar"));
    private static final Path SAMPLES = Path.of(System.getProperty("vpndiag.samples", "../../samples"));

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("vpndiag-out", ".txt");
        Path err = Files.createTempFile("vpndiag-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("vpndiag finished").isTrue();
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void diagnosesASampleWithTheRulesCompiledIntoTheJar() throws Exception {
        Run r = run("diagnose", "--json", SAMPLES.resolve("esp-blocked").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode d = new ObjectMapper().readTree(r.out());
        assertThat(d.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(d.get("verdict").asText()).isEqualTo("FAULT_FOUND");
        assertThat(d.get("causes").get(0).get("id").asText()).isEqualTo("ESP_BLOCKED");
        // A clean run says nothing on stderr (no rule-compiler or logging noise for the user).
        assertThat(r.err()).isEmpty();
    }

    @Test
    void readsRealEvidenceThroughThePluginsInTheJar() throws Exception {
        Run r = run("diagnose", "--json", SAMPLES.resolve("real-esp-blocked").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode d = new ObjectMapper().readTree(r.out());
        assertThat(d.get("problems")).isEmpty();
        assertThat(d.get("causes").get(0).get("id").asText()).isEqualTo("ESP_BLOCKED");
        assertThat(d.get("stats").get("factsByProvider").has("pcap")).isTrue();
        assertThat(d.get("stats").get("factsByProvider").has("linux-logs")).isTrue();
        assertThat(d.get("stats").get("factsByProvider").has("certs")).isTrue();
    }

    @Test
    void humanReportShowsTheLadderAndTheCause() throws Exception {
        Run r = run("diagnose", SAMPLES.resolve("udp500-blocked").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("FAULT FOUND at PATH").contains("IKE_UDP500_BLOCKED")
                .contains("NOT_REACHED  IKE_MAIN_MODE").contains("Why: ").contains("Do:  1.").contains("Not evaluated");
    }

    @Test
    void factsCommandPrintsTheJsonLinesForm() throws Exception {
        Run r = run("facts", "--json", SAMPLES.resolve("mppe-742").toString());
        assertThat(r.exit()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(6);
        for (String line : lines) {
            assertThat(new ObjectMapper().readTree(line).get("type").asText()).isNotEmpty();
        }
    }

    @Test
    void rulesCommandListsTheCatalogue() throws Exception {
        Run r = run("rules");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip().split("\n")).hasSize(36);
        assertThat(r.out()).contains("MPPE_ENCRYPTION_MISMATCH").contains("IKE_AUDIT_DISABLED");
    }

    @Test
    void exitCodesFollowTheContract() throws Exception {
        assertThat(run("diagnose", "--no-such-option").exit()).isEqualTo(2);
        assertThat(run("diagnose").exit()).isEqualTo(2);
        Run missing = run("diagnose", "/nonexistent/case.zip");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.err()).contains("no such file or folder: /nonexistent/case.zip");
        Path junk = Files.createTempFile("junk", ".bin");
        try {
            Files.write(junk, new byte[] {0, 1, 2, 3, 4, 5});
            Run unreadable = run("diagnose", "--json", junk.toString());
            assertThat(unreadable.exit()).isEqualTo(3);
            assertThat(new ObjectMapper().readTree(unreadable.out()).get("problems").get(0).get("message").asText())
                    .isEqualTo("no provider reads this format");
        } finally {
            Files.delete(junk);
        }
    }

    @Test
    void aFolderOfManyUnrelatedFilesGivesAShortReport(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        for (int i = 0; i < 300; i++) {
            Files.writeString(dir.resolve("notes-" + i + ".txt"), "nothing to see " + i + "\n");
        }
        Run r = run("diagnose", dir.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out().lines().count()).as(r.out()).isLessThan(100);
        assertThat(r.out()).contains("300 files, such as notes-0.txt").contains("300 times, such as in notes-0.txt");
    }

    @Test
    void aCaseArchiveOfEachSidesArchivesIsDiagnosedLikeTheFolder(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path sample = SAMPLES.resolve("real-esp-blocked");
        Path caseZip = dir.resolve("ticket.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(caseZip))) {
            for (String side : List.of("client", "server")) {
                java.io.ByteArrayOutputStream inner = new java.io.ByteArrayOutputStream();
                try (var in = new java.util.zip.ZipOutputStream(inner); var files = Files.walk(sample)) {
                    for (Path f : files.filter(Files::isRegularFile).filter(f -> sample.relativize(f).toString().startsWith(side))
                            .sorted().toList()) {
                        in.putNextEntry(new java.util.zip.ZipEntry(sample.relativize(f).toString().replace('\\', '/')));
                        in.write(Files.readAllBytes(f));
                        in.closeEntry();
                    }
                }
                out.putNextEntry(new java.util.zip.ZipEntry(side + ".zip"));
                out.write(inner.toByteArray());
                out.closeEntry();
            }
        }
        Run folder = run("diagnose", "--json", sample.toString());
        Run archived = run("diagnose", "--json", caseZip.toString());
        assertThat(archived.exit()).as(archived.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(archived.out());
        JsonNode f = new ObjectMapper().readTree(folder.out());
        assertThat(a.get("problems")).isEmpty();
        assertThat(a.get("stats").get("facts")).isEqualTo(f.get("stats").get("facts"));
        assertThat(a.get("causes").get(0).get("id")).isEqualTo(f.get("causes").get(0).get("id"));
        assertThat(a.get("causes").get(0).get("confidence")).isEqualTo(f.get("causes").get(0).get("confidence"));
    }

    @Test
    void factsArePrintedOneReadableLineEach() throws Exception {
        Run r = run("facts", SAMPLES.resolve("esp-blocked").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).doesNotContain("IkeConversation[ref=")
                .containsPattern("client\\.pcap frames \\S+  CLIENT  \\S+Z  IkeConversation  version=IKEV1  initiator=");
    }
}
