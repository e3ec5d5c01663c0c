package dev.vpndiag.plugin.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.fact.IkeConversation;
import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.plugin.pcap.internal.Extractor;
import dev.vpndiag.testing.ProviderRun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Truncated, garbage and lying inputs, and a seeded mutation run over corpus files. */
class BadInputTest {
    private final PcapFactProvider provider = new PcapFactProvider();

    private static byte[] corpus(String name) throws IOException {
        return Files.readAllBytes(Corpus.file(name));
    }

    @Test
    void truncatedPcapKeepsFactsDecodedBeforeTheDamage() throws IOException {
        byte[] whole = corpus("pcap/tcpdump__isakmp4500.pcap");
        byte[] cut = Arrays.copyOf(whole, whole.length - 10);
        ProviderRun run = ProviderRun.of(provider, Evidence.bytes("cut.pcap", cut));
        assertThat(run.failure()).containsInstanceOf(EvidenceFormatException.class);
        EvidenceFormatException e = (EvidenceFormatException) run.failure().orElseThrow();
        assertThat(e.source()).isEqualTo("cut.pcap");
        assertThat(e.locator()).startsWith("byte ");
        assertThat(run.factsOf(IkeConversation.class)).isNotEmpty();
    }

    @Test
    void absurdRecordLengthIsReportedAtItsOffset() throws IOException {
        byte[] b = corpus("pcap/tcpdump__isakmp4500.pcap").clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 8, 0x7FFFFFF0);
        boolean little = (b[0] & 0xFF) == 0xD4;
        if (!little) {
            ByteBuffer.wrap(b).putInt(24 + 8, 0x7FFFFFF0);
        }
        ProviderRun run = ProviderRun.of(provider, Evidence.bytes("liar.pcap", b));
        EvidenceFormatException e = (EvidenceFormatException) run.failure().orElseThrow();
        assertThat(e.locator()).isEqualTo("byte 24");
    }

    @Test
    void pcapngBlockLengthThatLiesIsRejected() throws IOException {
        byte[] b = corpus("pcap/ndpi__esp.pcapng").clone();
        ByteOrder order = (b[8] & 0xFF) == 0x4D ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        int shbLen = ByteBuffer.wrap(b).order(order).getInt(4);
        ByteBuffer.wrap(b).order(order).putInt(shbLen + 4, 0x13);
        ProviderRun run = ProviderRun.of(provider, Evidence.bytes("liar.pcapng", b));
        EvidenceFormatException e = (EvidenceFormatException) run.failure().orElseThrow();
        assertThat(e.locator()).isEqualTo("byte " + shbLen);
    }

    @Test
    void garbageIsNotSniffedAndFailsCleanly() {
        byte[] garbage = new byte[4096];
        new Random(7).nextBytes(garbage);
        garbage[0] = 0x11;
        ProviderRun run = ProviderRun.of(provider, Evidence.bytes("garbage.bin", garbage));
        assertThat(run.sniffScore()).isZero();
        assertThat(run.failure()).containsInstanceOf(EvidenceFormatException.class);
    }

    @Test
    void garbageAfterAValidHeaderIsReportedNotThrownAsAnythingElse() throws IOException {
        byte[] head = Arrays.copyOf(corpus("pcap/tcpdump__isakmp4500.pcap"), 24 + 5000);
        for (int i = 24; i < head.length; i++) {
            head[i] = (byte) (i * 31);
        }
        ProviderRun run = ProviderRun.of(provider, Evidence.bytes("tail.pcap", head));
        assertThat(run.failure()).containsInstanceOf(EvidenceFormatException.class);
    }

    /**
     * Seeded random mutations (bit flips, overwritten length-sized words, truncation) of every
     * corpus capture: the reader must end normally or with EvidenceFormatException, and no decoder
     * may fail unexpectedly. Fixed iteration count so the run is bounded; raise it with
     * -Dpcap.fuzz.iterations for longer runs.
     */
    @Test
    void seededMutationsNeverCrashTheDecoders() throws IOException {
        int perFile = Integer.getInteger("pcap.fuzz.iterations", 40);
        Random random = new Random(20261123L);
        List<java.nio.file.Path> files = Corpus.captures().stream().filter(p -> p.toFile().length() < 100_000).toList();
        int runs = 0;
        for (java.nio.file.Path file : files) {
            byte[] original = Files.readAllBytes(file);
            for (int i = 0; i < perFile; i++) {
                byte[] b = original.clone();
                int edits = 1 + random.nextInt(8);
                for (int k = 0; k < edits && b.length > 0; k++) {
                    int at = random.nextInt(b.length);
                    switch (random.nextInt(3)) {
                        case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                        case 1 -> b[at] = (byte) random.nextInt(256);
                        default -> {
                            if (at + 2 <= b.length) {
                                b[at] = (byte) 0xFF;
                                b[at + 1] = (byte) random.nextInt(256);
                            }
                        }
                    }
                }
                if (random.nextInt(4) == 0 && b.length > 24) {
                    b = Arrays.copyOf(b, 24 + random.nextInt(b.length - 24));
                }
                ProviderRun run = ProviderRun.of(provider, Evidence.bytes(file.getFileName().toString(), b));
                run.failure().ifPresent(e -> assertThat(e).isInstanceOf(EvidenceFormatException.class));
                assertThat(run.problems()).noneMatch(p -> p.message().startsWith(Extractor.DECODER_FAILURE));
                runs++;
            }
        }
        assertThat(runs).isGreaterThan(1000);
    }
}
