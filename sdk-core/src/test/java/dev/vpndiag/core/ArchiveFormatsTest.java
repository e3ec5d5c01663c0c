package dev.vpndiag.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Diagnosis;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.EvidenceBundle;
import dev.vpndiag.api.FactExtraction;
import dev.vpndiag.api.Side;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archives people send with a ticket: a rotated log compressed with gzip, a tar.gz of a gateway's
 * logs, a case's zip holding the client's and the server's zip; and text written as UTF-16.
 */
class ArchiveFormatsTest {
    @TempDir
    Path dir;

    private static final String FACT = Json.fact(Facts.ras(809)) + "\n";

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }

    private static byte[] zip(String... entriesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < entriesAndContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(entriesAndContents[i]));
                z.write(entriesAndContents[i + 1].getBytes(StandardCharsets.ISO_8859_1));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static byte[] tar(String... entriesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            for (int i = 0; i < entriesAndContents.length; i += 2) {
                byte[] content = entriesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(entriesAndContents[i]);
                e.setSize(content.length);
                t.putArchiveEntry(e);
                t.write(content);
                t.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aGzipCompressedFileIsReadThroughGunzipUnderItsOwnName() throws IOException {
        Path gz = file("client-facts.jsonl.1.gz", gzip(FACT.getBytes(StandardCharsets.UTF_8)));
        EvidenceBundle bundle = new BundleReader().open(gz, null);
        assertThat(bundle.items()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("client-facts.jsonl.1.gz");
            assertThat(e.side()).isEqualTo(Side.CLIENT);
        });
        assertThat(EngineHolder.ENGINE.extractFacts(bundle).facts()).hasSize(1);
    }

    @Test
    void aTarGzWithItsManifestGivesSidesFromTheManifest() throws IOException {
        byte[] tgz = gzip(tar("case/bundle.json", "{\"files\": {\"gw/**\": {\"side\": \"server\"}}}",
                "case/gw/facts.jsonl", FACT, "case/laptop/facts.jsonl", FACT));
        EvidenceBundle bundle = new BundleReader().open(file("case.tgz", tgz), null);
        assertThat(bundle.problems()).isEmpty();
        assertThat(bundle.items()).extracting(Evidence::name, Evidence::side).containsExactly(
                org.assertj.core.groups.Tuple.tuple("case.tgz!/case/gw/facts.jsonl", Side.SERVER),
                org.assertj.core.groups.Tuple.tuple("case.tgz!/case/laptop/facts.jsonl", Side.UNKNOWN));
        assertThat(EngineHolder.ENGINE.extractFacts(bundle).facts()).hasSize(2);
    }

    @Test
    void aPlainTarIsReadToo() throws IOException {
        EvidenceBundle bundle = new BundleReader().open(file("logs.tar", tar("server-facts.jsonl", FACT)), null);
        assertThat(bundle.items()).singleElement().satisfies(e -> assertThat(e.side()).isEqualTo(Side.SERVER));
    }

    @Test
    void aCaseZipHoldingEachSidesZipReadsBothWithTheirSides() throws IOException {
        byte[] client = zip("facts.jsonl", FACT);
        byte[] server = zip("logs/facts.jsonl.gz", latin1(gzip(FACT.getBytes(StandardCharsets.UTF_8))));
        Path caseZip = file("ticket-4711.zip", zip("client.zip", latin1(client), "server.zip", latin1(server)));
        EvidenceBundle bundle = new BundleReader().open(caseZip, null);
        assertThat(bundle.problems()).isEmpty();
        assertThat(bundle.items()).extracting(Evidence::name, Evidence::side).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ticket-4711.zip!/client.zip!/facts.jsonl", Side.CLIENT),
                org.assertj.core.groups.Tuple.tuple("ticket-4711.zip!/server.zip!/logs/facts.jsonl.gz", Side.SERVER));
        FactExtraction x = EngineHolder.ENGINE.extractFacts(bundle);
        assertThat(x.problems()).isEmpty();
        assertThat(x.facts()).hasSize(2);
    }

    @Test
    void archivesNestedTooDeepAreAProblemNotARecursion() throws IOException {
        byte[] inner = zip("facts.jsonl", FACT);
        for (int i = 0; i < 4; i++) {
            inner = zip("level" + i + ".zip", latin1(inner));
        }
        EvidenceBundle bundle = new BundleReader().open(file("deep.zip", inner), null);
        assertThat(bundle.items()).isEmpty();
        assertThat(bundle.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("nested more than 3 levels"));
    }

    @Test
    void aGzipBombStopsAtTheCapAsAProblemOfThatFile() throws IOException {
        byte[] zeros = new byte[4 << 20];
        Path bomb = file("client-charon.log.gz", gzip(zeros));
        EvidenceBundle bundle = new BundleReader(100, 1 << 20).open(bomb, null);
        FactExtraction x = EngineHolder.ENGINE.extractFacts(bundle);
        assertThat(x.facts()).isEmpty();
        assertThat(x.problems()).isNotEmpty();
    }

    @Test
    void aDamagedGzipIsAProblemAndTheRestIsRead() throws IOException {
        byte[] gz = gzip(FACT.repeat(1000).getBytes(StandardCharsets.UTF_8));
        byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
        Path folder = Files.createDirectories(dir.resolve("case"));
        Files.write(folder.resolve("client-facts.jsonl.gz"), cut);
        Files.writeString(folder.resolve("server-facts.jsonl"), Json.fact(Facts.ras(691)) + "\n");
        FactExtraction x = EngineHolder.ENGINE.extractFacts(new BundleReader().open(folder, null));
        assertThat(x.problems()).anySatisfy(p -> assertThat(p.source()).isEqualTo("client-facts.jsonl.gz"));
        // the lines before the damage are read, and the other file whole
        assertThat(x.facts()).filteredOn(f -> ((dev.vpndiag.api.fact.RasError) f).code() == 809).isNotEmpty();
        assertThat(x.facts()).filteredOn(f -> ((dev.vpndiag.api.fact.RasError) f).code() == 691).hasSize(1);
    }

    @Test
    void oneDamagedEntryOfAZipCostsThatEntryOnly() throws IOException {
        byte[] zip = zip("client-facts.jsonl", FACT.repeat(50), "server-facts.jsonl", Json.fact(Facts.ras(691)) + "\n");
        // the first entry's compressed data starts after its local header (30 bytes, name, extra field)
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(zip).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int data = 30 + header.getShort(26) + header.getShort(28);
        java.util.Arrays.fill(zip, data, data + 8, (byte) 0xFF);
        FactExtraction x = EngineHolder.ENGINE.extractFacts(new BundleReader().open(file("case.zip", zip), null));
        assertThat(x.facts()).singleElement().satisfies(f -> assertThat(((dev.vpndiag.api.fact.RasError) f).code()).isEqualTo(691));
        assertThat(x.problems()).anySatisfy(p -> assertThat(p.source()).isEqualTo("case.zip!/client-facts.jsonl"));
    }

    @Test
    void utf16TextWithOrWithoutItsMarkIsReadLikeUtf8() throws IOException {
        byte[] le = FACT.getBytes(StandardCharsets.UTF_16LE);
        byte[] withMark = new byte[le.length + 2];
        withMark[0] = (byte) 0xFF;
        withMark[1] = (byte) 0xFE;
        System.arraycopy(le, 0, withMark, 2, le.length);
        for (Path p : new Path[] {file("a.jsonl", withMark), file("b.jsonl", le),
                file("c.jsonl", FACT.getBytes(StandardCharsets.UTF_16BE))}) {
            FactExtraction x = EngineHolder.ENGINE.extractFacts(new BundleReader().open(p, Side.CLIENT));
            assertThat(x.problems()).as(p.toString()).isEmpty();
            assertThat(x.facts()).as(p.toString()).hasSize(1);
        }
    }

    @Test
    void readingArchivesNeverModifiesThem() throws IOException {
        Path caseZip = file("case.zip", zip("client.zip", latin1(zip("facts.jsonl", FACT))));
        byte[] before = Files.readAllBytes(caseZip);
        Diagnosis d = EngineHolder.ENGINE.diagnose(new BundleReader().open(caseZip, null));
        assertThat(d.stats().facts()).isEqualTo(1);
        assertThat(Files.readAllBytes(caseZip)).isEqualTo(before);
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(caseZip);
        }
    }
}
