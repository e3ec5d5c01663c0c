package dev.vpndiag.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.Problem;
import dev.vpndiag.api.Side;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleReaderTest {
    @TempDir
    Path dir;

    private static final String FACT = Json.fact(Facts.ras(809));

    private Path zip(String name, String... entriesAndContents) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < entriesAndContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(entriesAndContents[i]));
                z.write(entriesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void zipEntryEscapingTheArchiveIsRefusedAndTheRestRead() throws IOException {
        Path zip = zip("case.zip", "../../etc/evil.jsonl", FACT, "client/facts.jsonl", FACT);
        EvidenceBundle bundle = new BundleReader().open(zip, null);
        assertThat(bundle.items()).extracting(Evidence::name).containsExactly("case.zip!/client/facts.jsonl");
        assertThat(bundle.items().get(0).side()).isEqualTo(Side.CLIENT);
        assertThat(bundle.problems()).singleElement().satisfies(p -> {
            assertThat(p.locator()).isEqualTo("../../etc/evil.jsonl");
            assertThat(p.message()).contains("refused");
        });
        assertThat(Files.exists(dir.getParent().resolve("etc"))).isFalse();
        Diagnosis d = EngineHolder.ENGINE.diagnose(bundle);
        assertThat(d.problems()).hasSize(1);
        assertThat(d.stats().facts()).isEqualTo(1);
    }

    @Test
    void oversizeArchiveIsRefusedBeyondTheCap() throws IOException {
        String big = "x".repeat(10_000);
        Path zip = zip("big.zip", "a.jsonl", FACT, "b.txt", big, "c.txt", big);
        EvidenceBundle bundle = new BundleReader(100, 5_000).open(zip, null);
        assertThat(bundle.items()).extracting(Evidence::name).containsExactly("big.zip!/a.jsonl");
        assertThat(bundle.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("more than 5000 bytes"));
    }

    @Test
    void tooManyEntriesAreCapped() throws IOException {
        Path zip = zip("many.zip", "1.jsonl", FACT, "2.jsonl", FACT, "3.jsonl", FACT);
        EvidenceBundle bundle = new BundleReader(2, 1 << 20).open(zip, null);
        assertThat(bundle.items()).hasSize(2);
        assertThat(bundle.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("more than 2 entries"));
    }

    @Test
    void corruptZipIsAProblemNotAFailure() throws IOException {
        Path zip = dir.resolve("broken.zip");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 9, 9, 9});
        EvidenceBundle bundle = new BundleReader().open(zip, null);
        assertThat(bundle.items()).isEmpty();
        assertThat(bundle.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("unreadable zip"));
    }

    @Test
    void folderWithManifestAssignsSidesHostsOffsetsAndAttributes() throws IOException {
        Files.createDirectories(dir.resolve("case/logs"));
        Files.writeString(dir.resolve("case/logs/gw.jsonl"), FACT);
        Files.writeString(dir.resolve("case/laptop.jsonl"), FACT);
        Files.writeString(dir.resolve("case/.DS_Store"), "junk");
        Files.writeString(dir.resolve("case/bundle.json"), """
                { "hosts": { "gw1": { "side": "SERVER", "clockOffsetSeconds": -95 } },
                  "files": { "logs/*": { "host": "gw1", "store": "machine" }, "laptop.jsonl": { "side": "client" } } }
                """);
        EvidenceBundle bundle = new BundleReader().open(dir.resolve("case"), null);
        assertThat(bundle.problems()).isEmpty();
        assertThat(bundle.items()).extracting(Evidence::name).containsExactly("laptop.jsonl", "logs/gw.jsonl");
        Evidence gw = bundle.items().get(1);
        assertThat(gw.side()).isEqualTo(Side.SERVER);
        assertThat(gw.host()).contains("gw1");
        assertThat(gw.clockOffset()).contains(Duration.ofSeconds(-95));
        assertThat(gw.attributes()).containsEntry("store", "machine");
        assertThat(bundle.items().get(0).side()).isEqualTo(Side.CLIENT);
    }

    /**
     * A manifest with mistakes in it: each mistake is a problem naming where in bundle.json it is, the
     * setting is dropped, and the rest of the manifest and the evidence are still used (a misspelt side
     * used to end the run with an IllegalArgumentException).
     */
    @Test
    void aManifestsMistakesAreProblemsAndTheRestStillApplies() throws IOException {
        Files.createDirectories(dir.resolve("case/logs"));
        Files.writeString(dir.resolve("case/logs/gw.jsonl"), FACT);
        Files.writeString(dir.resolve("case/laptop.jsonl"), FACT);
        Files.writeString(dir.resolve("case/bundle.json"), """
                { "evidence": [],
                  "hosts": { "gw1": { "side": "SERVER", "clockOffsetSeconds": "ten", "owner": "ops" } },
                  "files": { "logs/*": { "host": "gw1" }, "laptop.jsonl": { "side": "clinet" },
                             "[broken": { "side": "client" }, "nowhere/*": { "host": "gw9" } } }
                """);
        EvidenceBundle bundle = new BundleReader().open(dir.resolve("case"), null);
        assertThat(bundle.problems()).extracting(Problem::source).containsOnly("bundle.json");
        assertThat(bundle.problems()).extracting(Problem::locator).containsExactlyInAnyOrder("evidence",
                "hosts/gw1/clockOffsetSeconds", "hosts/gw1/owner", "files/laptop.jsonl/side", "files/[broken",
                "files/nowhere/*/host", "files/nowhere/*");
        assertThat(bundle.items()).extracting(Evidence::name).containsExactly("laptop.jsonl", "logs/gw.jsonl");
        Evidence gw = bundle.items().get(1);
        assertThat(gw.side()).isEqualTo(Side.SERVER);
        assertThat(gw.host()).contains("gw1");
        assertThat(gw.clockOffset()).isEmpty();
        assertThat(bundle.items().get(0).side()).isEqualTo(Side.UNKNOWN);
    }

    @Test
    void anUnreadableManifestIsOneProblemWithWhereItBroke() throws IOException {
        Files.createDirectories(dir.resolve("case"));
        Files.writeString(dir.resolve("case/client.jsonl"), FACT);
        Files.writeString(dir.resolve("case/bundle.json"), "{ \"files\": {\n");
        EvidenceBundle bundle = new BundleReader().open(dir.resolve("case"), null);
        assertThat(bundle.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .startsWith("manifest ignored (not valid JSON at line 2").doesNotContain("REDACTED"));
        assertThat(bundle.items()).singleElement().satisfies(e -> assertThat(e.side()).isEqualTo(Side.CLIENT));
    }

    @Test
    void sideIsInferredFromNamesAndForcedSideWins() throws IOException {
        Files.writeString(dir.resolve("server-charon.log"), "x");
        assertThat(new BundleReader().open(dir.resolve("server-charon.log"), null).items().get(0).side()).isEqualTo(Side.SERVER);
        assertThat(new BundleReader().open(dir.resolve("server-charon.log"), Side.CLIENT).items().get(0).side()).isEqualTo(Side.CLIENT);
        assertThat(BundleReader.inferSide("case/gateway/x.evtx")).isEqualTo(Side.SERVER);
        assertThat(BundleReader.inferSide("misc/x.evtx")).isEqualTo(Side.UNKNOWN);
    }

    @Test
    void aFolderOpenedByItselfGivesItsSideToFilesWhoseNamesSayNone() throws IOException {
        Files.createDirectories(dir.resolve("case/client"));
        Files.writeString(dir.resolve("case/client/facts.jsonl"), FACT);
        Files.writeString(dir.resolve("case/client/server-charon.log"), "x");
        EvidenceBundle bundle = new BundleReader().open(dir.resolve("case/client"), null);
        assertThat(bundle.items()).extracting(Evidence::name, Evidence::side).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("facts.jsonl", Side.CLIENT),
                org.assertj.core.groups.Tuple.tuple("server-charon.log", Side.SERVER));
    }

    @Test
    void missingPathIsAProblem() {
        EvidenceBundle bundle = new BundleReader().open(dir.resolve("nope"), null);
        assertThat(bundle.items()).isEmpty();
        assertThat(bundle.problems()).extracting(Problem::message).containsExactly("no such file or folder");
    }

    @Test
    void zipSlipNamesAreRecognised() {
        assertThat(BundleReader.escapes("a/../../b")).isTrue();
        assertThat(BundleReader.escapes("/etc/passwd")).isTrue();
        assertThat(BundleReader.escapes("C:\\windows\\x")).isTrue();
        assertThat(BundleReader.escapes("a/..b/c")).isFalse();
    }

    @Test
    void readingNeverModifiesTheInput() throws IOException {
        Path zip = zip("case.zip", "client/facts.jsonl", FACT);
        byte[] before = Files.readAllBytes(zip);
        long modified = Files.getLastModifiedTime(zip).toMillis();
        EngineHolder.ENGINE.diagnose(new BundleReader().open(zip, null));
        assertThat(Files.readAllBytes(zip)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(zip).toMillis()).isEqualTo(modified);
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(zip);
        }
    }
}
