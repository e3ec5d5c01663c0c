package dev.vpndiag.plugin.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.plugin.pcap.internal.Extractor;
import dev.vpndiag.testing.ProviderRun;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Coverage-guided fuzzing of the capture reader and every decoder behind it. Without
 * {@code JAZZER_FUZZ=1} the targets run once per committed seed (regression mode, a second or
 * two); with it they fuzz for the given duration and store crashing inputs beside the seeds.
 * Seeds: {@code src/test/resources/dev/vpndiag/plugin/pcap/PcapFuzzTestInputs/<method>/}.
 */
class PcapFuzzTest {
    /** Link types the decoders know, so fuzzed packets reach the IP and transport layers. */
    private static final int[] LINK_TYPES = {1, 0, 108, 101, 12, 228, 229, 113, 276, 9, 50, 204};

    private final PcapFactProvider provider = new PcapFactProvider();

    /** Whole files: headers, record and block lengths, and whatever packets survive. */
    @FuzzTest(maxDuration = "10s")
    void captures(byte[] data) {
        check(ProviderRun.of(provider, Evidence.bytes("fuzz.pcap", data)));
    }

    /**
     * Well-formed pcap framing around fuzzed packets of one link type, so the mutations land in
     * the link, IP, UDP, ISAKMP, ESP, L2TP, PPP and ICMP decoders rather than in the file header.
     */
    @FuzzTest(maxDuration = "10s")
    void packets(FuzzedDataProvider data) {
        int linkType = data.pickValue(LINK_TYPES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType);
        out.writeBytes(header.array());
        int count = data.consumeInt(1, 16);
        for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
            byte[] packet = data.consumeBytes(data.consumeInt(0, 2048));
            int origLen = packet.length + (data.consumeBoolean() ? data.consumeInt(0, 1500) : 0);
            ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            record.putInt(1_700_000_000 + i).putInt(i).putInt(packet.length).putInt(origLen);
            out.writeBytes(record.array());
            out.writeBytes(packet);
        }
        ProviderRun run = ProviderRun.of(provider, Evidence.bytes("fuzz.pcap", out.toByteArray()));
        assertThat(run.failure()).isEmpty();
        check(run);
    }

    private static void check(ProviderRun run) {
        run.failure().ifPresent(e -> assertThat(e).isInstanceOf(EvidenceFormatException.class));
        assertThat(run.problems()).noneMatch(p -> p.message().startsWith(Extractor.DECODER_FAILURE));
    }
}
