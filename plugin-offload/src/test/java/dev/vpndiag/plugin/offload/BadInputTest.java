package dev.vpndiag.plugin.offload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.fact.IpsecStatistics;
import dev.vpndiag.api.fact.RegistryValue;
import dev.vpndiag.api.fact.ServiceState;
import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.api.spi.FactSink;
import dev.vpndiag.testing.ProviderRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BadInputTest {
    private static final List<String> MIXED = List.of("fixtures/ipseccmd-show-stats__winxp-sp2.txt",
            "fixtures/sc-query__win10-en-US.txt",
            "fixtures/netsh-ipsec-dynamic-show-stats__ws2003-two-snapshots.txt", "fixtures/reg-query__win10.txt",
            "corpus/ethtool-k__tg3-BCM57766__netdev-2019-10-02.txt", "fixtures/get-service__ws2016.txt",
            "fixtures/systemctl-status__systemd-252-debian12.txt", "fixtures/netsh-int-ip-show-offload__winxp-sp3.txt",
            "corpus/netsh-advfirewall-samples__MS-KB949856.txt",
            "fixtures/get-netadapteradvancedproperty__ws2016.txt", "fixtures/rasphone-pbk__win10-22h2.pbk",
            "fixtures/get-vpnconnection__win10-22h2.txt",
            // last: its connections are emitted at the end of the file
            "fixtures/ipsec-conf__strongswan-5.9-client.conf");

    private static byte[] read(String path) throws IOException {
        return Files.readAllBytes(Fixtures.ROOT.resolve(path));
    }

    @Test
    void mixedOutputsInOneFileGiveTheFactsOfEachPart() throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<Fact> expected = new ArrayList<>();
        for (String p : MIXED) {
            all.write(read(p));
            all.write('\n');
            expected.addAll(Fixtures.run(p).factsBesidesPlatform());
        }
        ProviderRun run = Fixtures.bytes("mixed.txt", all.toByteArray());
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.problems()).isEmpty();
        assertThat(run.factsBesidesPlatform()).extracting(f -> f.getClass().getSimpleName() + " " + f.toString()
                        .replaceAll("ref=[^,]*, side=[A-Z]+, ", ""))
                .containsExactlyElementsOf(expected.stream().map(f -> f.getClass().getSimpleName() + " " + f
                        .toString().replaceAll("ref=[^,]*, side=[A-Z]+, ", "")).toList());
    }

    @Test
    void truncatedUtf16ExportKeepsWhatCameBeforeAndReportsTheCutValue() throws IOException {
        byte[] whole = read("fixtures/regedit5__win10-ipsec-keys.reg");
        String text = new String(whole, 2, whole.length - 2, StandardCharsets.UTF_16LE);
        int cut = 2 + 2 * text.indexOf("  00,00") + 1; // inside the continued hex(2) value, on an odd byte
        ProviderRun run = Fixtures.bytes("cut.reg", Arrays.copyOf(whole, cut));
        assertThat(run.failure()).isEmpty();
        assertThat(run.factsOf(RegistryValue.class)).extracting(RegistryValue::name).containsExactly(
                "AssumeUDPEncapsulationContextOnSendRule", "DisplayName", "Description", "EnableOffload",
                "DisableIKEAudits", "ProhibitIpSec", "Mode");
        // the half character at the cut makes the last line damaged: counted, and the value reported
        assertThat(run.problems()).extracting(p -> p.locator() + ": " + p.message()).containsExactly(
                "line 18: registry value continued past the end of the export",
                "line 19: 1 line(s) not understood (first at line 19)");
    }

    @Test
    void truncatedStatisticsGiveAPartialSnapshotWithoutTheCutNumber() throws IOException {
        byte[] whole = read("fixtures/netsh-ipsec-dynamic-show-stats__ws2003-two-snapshots.txt");
        String text = new String(whole, StandardCharsets.US_ASCII);
        int cut = text.indexOf("Confidential Bytes Sent             : 2,4");
        ProviderRun run = Fixtures.bytes("cut.txt", Arrays.copyOf(whole, cut + 41));
        // "2,4" is not a whole grouped number: the line is reported, not trusted
        assertThat(run.problems()).extracting(p -> p.locator()).containsExactly("line 69");
        assertThat(run.factsOf(IpsecStatistics.class)).hasSize(2).last().satisfies(s -> {
            assertThat(s.packetsNotAuthenticated()).isEqualTo(97L);
            assertThat(s.confidentialBytesSent()).isNull();
            assertThat(s.confidentialBytesReceived()).isNull();
        });
    }

    @Test
    void binaryDataStopsWithTheLineAndByteAfterKeepingEarlierFacts() throws IOException {
        byte[] head = read("fixtures/sc-query__win10-en-US.txt");
        ProviderRun run = Fixtures.bytes("bin.txt", Fixtures.withBinaryTail(head, 4096, 7));
        assertThat(run.factsOf(ServiceState.class)).hasSize(3);
        assertThat(run.failure()).containsInstanceOf(EvidenceFormatException.class);
        EvidenceFormatException e = (EvidenceFormatException) run.failure().orElseThrow();
        assertThat(e.locator()).matches("line \\d+, byte \\d+");
        long byteOffset = Long.parseLong(e.locator().replaceAll(".*byte ", ""));
        assertThat(byteOffset).isGreaterThanOrEqualTo(head.length);
    }

    @Test
    void randomGarbageNeverThrowsAnythingButFormatErrors() {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] b = new byte[random.nextInt(3000)];
            random.nextBytes(b);
            if (i % 2 == 0) {
                for (int j = 0; j < b.length; j++) {
                    b[j] = (byte) (32 + (b[j] & 0x3F)); // printable text with no line breaks at all
                }
            }
            ProviderRun run = Fixtures.bytes("g" + i, b);
            run.failure().ifPresent(f -> assertThat(f).isInstanceOf(EvidenceFormatException.class));
        }
    }

    @Test
    void overlongLineIsCutAndReported() {
        byte[] b = ("SERVICE_NAME: IKEEXT\n        STATE              : 4  RUNNING\n" + "x".repeat(200_000) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        ProviderRun run = Fixtures.bytes("long.txt", b);
        assertThat(run.factsOf(ServiceState.class)).hasSize(1);
        assertThat(run.problems()).extracting(p -> p.locator() + ": " + p.message()).containsExactly(
                "line 3: 1 line(s) longer than 16384 characters were cut",
                "line 3: 1 line(s) not understood (first at line 3)");
    }

    @Test
    void unknownLanguageIsCountedOnce() {
        String ja = "IPsec メイン モード統計\n-----\nアクティブな取得 : 0\n認証の失敗 : 2\n";
        ProviderRun run = Fixtures.bytes("ja.txt", ja.getBytes(StandardCharsets.UTF_8));
        assertThat(run.failure()).isEmpty();
        assertThat(run.factsBesidesPlatform()).isEmpty();
        assertThat(run.problems()).extracting(p -> p.message()).containsExactly(
                "4 line(s) not understood (first at line 1)");
    }

    @Test
    void utf16WithoutByteOrderMarkIsRecognised() {
        byte[] b = "SERVICE_NAME: PolicyAgent\r\n        STATE              : 1  STOPPED\r\n"
                .getBytes(StandardCharsets.UTF_16LE);
        ProviderRun run = Fixtures.bytes("u16.txt", b);
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.factsOf(ServiceState.class)).extracting(ServiceState::running).containsExactly(false);
    }

    @Test
    void cancellationStopsTheRead() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            b.append("SERVICE_NAME: IKEEXT\n        STATE              : 4  RUNNING\n\n");
        }
        List<Fact> facts = new ArrayList<>();
        FactSink sink = new FactSink() {
            @Override
            public void accept(Fact fact) {
                facts.add(fact);
            }

            @Override
            public void problem(String locator, String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        new OffloadProvider().read(Evidence.bytes("c.txt", b.toString().getBytes(StandardCharsets.US_ASCII)), sink);
        assertThat(facts).hasSizeLessThan(5000);
    }

    @Test
    void unrelatedTextIsNotClaimed() {
        assertThat(Fixtures.bytes("t.txt", "hello world\nthis is a log\n".getBytes()).sniffScore())
                .isEqualTo(FactProvider.NO_MATCH);
        assertThat(Fixtures.bytes("b.bin", new byte[] {(byte) 0xD4, (byte) 0xC3, (byte) 0xB2, (byte) 0xA1, 2, 0, 4, 0})
                .sniffScore()).isEqualTo(FactProvider.NO_MATCH);
    }

    @Test
    void inputFileIsNotModified() throws IOException {
        String p = "fixtures/regedit5__win10-ipsec-keys.reg";
        byte[] before = read(p);
        Fixtures.run(p);
        assertThat(read(p)).isEqualTo(before);
    }
}
