package dev.vpndiag.plugin.pcap;

import dev.vpndiag.api.Evidence;
import dev.vpndiag.api.fact.Fact;
import dev.vpndiag.api.spi.ContentHead;
import dev.vpndiag.api.spi.EvidenceFormatException;
import dev.vpndiag.api.spi.FactProvider;
import dev.vpndiag.api.spi.FactSink;
import dev.vpndiag.plugin.pcap.internal.Extractor;
import dev.vpndiag.plugin.pcap.internal.capture.ByteWindow;
import dev.vpndiag.plugin.pcap.internal.capture.CaptureFormatException;
import dev.vpndiag.plugin.pcap.internal.capture.CaptureReader;
import dev.vpndiag.plugin.pcap.internal.capture.Origin;
import dev.vpndiag.plugin.pcap.internal.net.Trace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;

/**
 * Reads packet captures (pcap and pcapng) and emits the IKE, ESP, L2TP, PPP and ICMP facts seen
 * on the wire: one {@code IkeConversation} per IKE SA, {@code IkeNotify} and {@code IkeProposal}
 * per unencrypted notify and SA payload, one {@code EspFlow} per ESP SPI and direction, one
 * {@code L2tpTunnelAttempt} per L2TP control connection, one {@code PppNegotiation} per PPP stage
 * and one {@code IcmpUnreachable} per distinct unreachable quoting such traffic.
 *
 * <p>Streams the file through a bounded window; memory stays bounded whatever the capture size.
 */
public final class PcapFactProvider implements FactProvider {
    /** Problems reported per capture before further ones are summarised. */
    static final int MAX_PROBLEMS = 100;

    /** Creates the provider. */
    public PcapFactProvider() {
    }

    @Override
    public String id() {
        return "pcap";
    }

    @Override
    public Set<String> formats() {
        return Set.of("pcap", "pcapng");
    }

    @Override
    public int sniff(ContentHead head) {
        return CaptureReader.isCapture(head.bytes()) ? STRONG_MATCH : NO_MATCH;
    }

    @Override
    public void read(Evidence evidence, FactSink sink) throws IOException {
        read(evidence, sink, Trace.NONE);
    }

    /** Reads with a per-frame trace, for validation against a reference dissector. */
    static void read(Evidence evidence, FactSink sink, Trace trace) throws IOException {
        FactSink capped = new CappedSink(sink);
        Origin origin = new Origin(evidence.name(), evidence.side(), capped);
        Extractor extractor = new Extractor(origin, trace, bytes -> {
            sink.progress(bytes);
            return sink.isCancelled();
        });
        Optional<Path> path = evidence.path();
        try (FileChannel channel = path.isPresent() ? FileChannel.open(path.get(), StandardOpenOption.READ) : null;
             InputStream in = channel == null ? evidence.open() : null) {
            ByteWindow window = channel != null ? ByteWindow.of(channel, CaptureReader.MAX_RECORD)
                    : ByteWindow.of(in, CaptureReader.MAX_RECORD);
            CaptureReader reader = new CaptureReader(window, extractor);
            try {
                reader.read();
            } catch (CaptureFormatException e) {
                extractor.finish();
                throw new EvidenceFormatException(evidence.name(), EvidenceFormatException.atByte(e.offset())
                        + (reader.frames() > 0 ? " (after frame " + reader.frames() + ")" : ""), e.getMessage(), e);
            }
            extractor.finish();
            sink.progress(window.offset());
        }
    }

    /** Passes facts through and caps the number of problems reported. */
    private static final class CappedSink implements FactSink {
        private final FactSink sink;
        private int problems;

        CappedSink(FactSink sink) {
            this.sink = sink;
        }

        @Override
        public void accept(Fact fact) {
            sink.accept(fact);
        }

        @Override
        public void problem(String locator, String message) {
            problems++;
            if (problems < MAX_PROBLEMS) {
                sink.problem(locator, message);
            } else if (problems == MAX_PROBLEMS) {
                sink.problem(locator, "further problems in this capture are not reported");
            }
        }

        @Override
        public void progress(long bytesDone) {
            sink.progress(bytesDone);
        }

        @Override
        public boolean isCancelled() {
            return sink.isCancelled();
        }
    }
}
