package dev.vpndiag.plugin.eventlog.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.plugin.eventlog.windows.internal.WinEvent;
import dev.vpndiag.plugin.eventlog.windows.internal.evtx.EvtxReader;
import dev.vpndiag.testing.ProviderRun;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The provider over real corpus EVTX files: sniffing, damaged chunks, and the early event-id filter. */
class EvtxProviderTest {
    private final WindowsEventLogProvider provider = new WindowsEventLogProvider();

    @Test
    void badChunkIsAProblemNotAFailure() {
        String name = "evtx/omer__sample_with_a_bad_chunk_magic.evtx";
        ProviderRun run = ProviderRun.of(provider, Evidence.bytes(name, Corpus.bytes(name)));
        assertThat(run.sniffScore()).isEqualTo(FactProvider.STRONG_MATCH);
        assertThat(run.failure()).isEmpty();
        assertThat(run.problems()).anyMatch(p -> p.locator().matches("chunk \\d+ \\(byte \\d+\\)")
                && p.message().contains("signature"));
        assertThat(run.facts()).as("AppXDeployment events carry no IPsec facts").isEmpty();
    }

    @Test
    void filterSkipsIrrelevantRecordsButCountsThem() throws IOException {
        byte[] system = Corpus.bytes("evtx/omer__system.evtx");
        List<WinEvent> wanted = new ArrayList<>();
        EvtxReader.Stats stats = new EvtxReader("system.evtx").read(new ByteArrayInputStream(system),
                (id, provider) -> id == 1014, new EvtxReader.Listener() {
                    @Override
                    public void event(WinEvent event) {
                        wanted.add(event);
                    }

                    @Override
                    public void problem(String locator, String message) {
                    }
                });
        assertThat(stats.records).isEqualTo(1881);
        assertThat(wanted).isNotEmpty().allMatch(e -> e.eventId() == 1014).hasSize(160);
        assertThat(stats.delivered).isEqualTo(wanted.size()).isLessThan(stats.records);
    }

    @Test
    void cancellationStopsEarly() throws IOException {
        byte[] system = Corpus.bytes("evtx/omer__system.evtx");
        List<WinEvent> seen = new ArrayList<>();
        new EvtxReader("system.evtx").read(new ByteArrayInputStream(system), EvtxReader.Filter.ALL, new EvtxReader.Listener() {
            @Override
            public void event(WinEvent event) {
                seen.add(event);
            }

            @Override
            public void problem(String locator, String message) {
            }

            @Override
            public boolean cancelled() {
                return seen.size() >= 10;
            }
        });
        assertThat(seen.size()).isBetween(10, 200);
    }
}
