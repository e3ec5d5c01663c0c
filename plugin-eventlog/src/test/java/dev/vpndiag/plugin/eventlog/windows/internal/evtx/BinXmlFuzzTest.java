package dev.vpndiag.plugin.eventlog.windows.internal.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.plugin.eventlog.windows.Corpus;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Seeded random-mutation fuzzing of the chunk and Binary XML decoder with a fixed iteration count:
 * whatever the damage, the reader ends with delivered events, reported problems or a typed
 * {@link EvidenceFormatException}, and never with an unexpected runtime error.
 */
class BinXmlFuzzTest {
    private static final int HEADER = 4096;
    private static final int CHUNK = 65536;
    private static final int ITERATIONS = 600;

    @Test
    void mutatedChunksNeverBreakTheDecoder() {
        byte[] seed = Arrays.copyOf(Corpus.bytes("evtx/omer__system.evtx"), HEADER + CHUNK);
        byte[] capi = Arrays.copyOf(Corpus.bytes("evtx/omer__E_Windows_system32_winevt_logs_Microsoft-Windows-CAPI2_Operational.evtx"),
                HEADER + CHUNK);
        SplittableRandom random = new SplittableRandom(20260304L);
        int decodedSomething = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = (i % 2 == 0 ? seed : capi).clone();
            int mutations = 1 + random.nextInt(16);
            for (int m = 0; m < mutations; m++) {
                int at = HEADER + 512 + random.nextInt(CHUNK - 512);
                switch (random.nextInt(3)) {
                    case 0 -> input[at] = (byte) random.nextInt(256);
                    case 1 -> input[at] ^= (byte) (1 << random.nextInt(8));
                    default -> input[at] = (byte) (random.nextBoolean() ? 0xff : 0x00);
                }
            }
            if (random.nextInt(10) == 0) {
                input = Arrays.copyOf(input, HEADER + random.nextInt(CHUNK));
            }
            Collect c = Collect.read(input);
            if (c.failure != null) {
                assertThat(c.failure).as("iteration %d", i).isInstanceOf(EvidenceFormatException.class);
            }
            assertThat(c.problems).as("iteration %d", i).noneMatch(p -> p.contains("internal decoder error"));
            if (!c.events.isEmpty()) {
                decodedSomething++;
            }
        }
        assertThat(decodedSomething).as("mutations leave most records decodable").isGreaterThan(ITERATIONS / 2);
    }
}
