package dev.vpndiag.plugin.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.plugin.pcap.internal.Extractor;
import dev.vpndiag.testing.ProviderRun;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** IP in AH in IP, thousands of levels deep, is decoded to a bounded depth on a small stack. */
class NestingTest {
    private static final int LEVELS = 2000;
    private static final int LEVEL_BYTES = 20 + 12;

    @Test
    void deeplyNestedAhTunnelsDoNotExhaustTheStack() throws InterruptedException {
        int udp = 8 + 28;
        int ipLength = LEVELS * LEVEL_BYTES + 20 + udp;
        ByteBuffer packet = ByteBuffer.allocate(ipLength);
        for (int level = 0; level <= LEVELS; level++) {
            int remaining = ipLength - level * LEVEL_BYTES;
            packet.put((byte) 0x45).put((byte) 0).putShort((short) remaining).putInt(0)
                    .put((byte) 64).put((byte) (level < LEVELS ? 51 : 17)).putShort((short) 0)
                    .putInt(0xC0000201).putInt(0xC0000202);
            if (level < LEVELS) {
                // AH: next header IPv4, payload length 1 -> (1 + 2) * 4 = 12 bytes
                packet.put((byte) 4).put((byte) 1).putShort((short) 0).putInt(0x100).putInt(level);
            }
        }
        packet.putShort((short) 500).putShort((short) 500).putShort((short) udp).putShort((short) 0);
        byte[] capture = pcap(packet.array());
        AtomicReference<ProviderRun> result = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread reader = new Thread(null, () -> {
            try {
                result.set(ProviderRun.of(new PcapFactProvider(), Evidence.bytes("nested.pcap", capture)));
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "nested-reader", 256 * 1024);
        reader.start();
        reader.join();
        assertThat(thrown.get()).isNull();
        assertThat(result.get().failure()).isEmpty();
        assertThat(result.get().problems()).noneMatch(p -> p.message().startsWith(Extractor.DECODER_FAILURE));
    }

    private static byte[] pcap(byte[] packet) {
        ByteBuffer b = ByteBuffer.allocate(24 + 16 + packet.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(228);
        b.putInt(1_700_000_000).putInt(0).putInt(packet.length).putInt(packet.length);
        b.put(packet);
        return b.array();
    }
}
